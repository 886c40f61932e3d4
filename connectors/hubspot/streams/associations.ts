import type { FetchContext } from '../../../core/sync/types.ts'
import { AssociationBatchResponse, type CrmObject, type HubSpotObjectType } from '../types.ts'
import { type CallTarget, callHubSpot } from './call.ts'

/** The v4 batch read takes up to 1,000 inputs (docs: "Associations v4" › batch read, limits). */
export const ASSOCIATION_BATCH = 1000

/** Associated ids for every `from` id; ids without associations map to `[]`. */
export async function fetchAssociations(
  ctx: FetchContext,
  target: CallTarget,
  from: HubSpotObjectType,
  to: HubSpotObjectType,
  ids: string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(ids.map((id) => [id, []]))
  const distinct = [...found.keys()]
  for (let i = 0; i < distinct.length; i += ASSOCIATION_BATCH) {
    const batch = distinct.slice(i, i + ASSOCIATION_BATCH)
    const response = await callHubSpot(ctx, target, AssociationBatchResponse, {
      method: 'POST',
      path: `/crm/v4/associations/${from}/${to}/batch/read`,
      body: { inputs: batch.map((id) => ({ id })) },
      endpoint: `POST /crm/v4/associations/${from}/${to}/batch/read`,
    })
    for (const result of response.results) {
      found.set(
        result.from.id,
        result.to.map((t) => t.toObjectId),
      )
    }
  }
  return found
}

/**
 * Associated ids a list item carried inline, in HubSpot's order, one per record (a labelled
 * association is listed once per label). Null when HubSpot cut the list short (`paging`).
 */
export function inlineAssociatedIds(object: CrmObject, to: HubSpotObjectType): string[] | null {
  const inline = object.associations?.[to]
  if (!inline) return []
  if (inline.paging?.next) return null
  return [...new Set(inline.results.map((r) => r.id))]
}
