import type { FetchContext } from '../../../core/sync/types.ts'
import { AssociationBatchResponse, type CrmObject, type HubSpotObjectType } from '../types.ts'
import { type CallTarget, callHubSpot } from './call.ts'

/** The v4 batch read takes up to 1,000 inputs (docs: "Associations v4" › batch read, limits). */
export const ASSOCIATION_BATCH = 1000

/** Primary first (stable): a mapper's "first associated" is the primary one where HubSpot has it. */
const primaryFirst = <T>(entries: T[], isPrimary: (e: T) => boolean): T[] =>
  [...entries].sort((a, b) => Number(isPrimary(b)) - Number(isPrimary(a)))

/**
 * Associated ids for every `from` id, the primary one first (label "Primary", docs:
 * "Associations v4" › association labels); ids without associations map to `[]`.
 */
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
      const primary = (t: (typeof result.to)[number]) =>
        (t.associationTypes ?? []).some((k) => k.label?.toLowerCase() === 'primary')
      found.set(
        result.from.id,
        primaryFirst(result.to, primary).map((t) => t.toObjectId),
      )
    }
  }
  return found
}

/**
 * Associated ids a list item carried inline, one per record (a labelled association is listed
 * once per label), the primary first: `contact_to_company` is the primary label's type,
 * `contact_to_company_unlabeled` the others. Null when HubSpot cut the list short (`paging`).
 */
export function inlineAssociatedIds(object: CrmObject, to: HubSpotObjectType): string[] | null {
  const inline = object.associations?.[to]
  if (!inline) return []
  if (inline.paging?.next) return null
  const labelled = inline.results.some((r) => r.type?.endsWith('_unlabeled'))
  const primary = (r: { type?: string | undefined }) =>
    labelled && r.type !== undefined && !r.type.endsWith('_unlabeled')
  const ids = primaryFirst(inline.results, primary).map((r) => r.id)
  return [...new Set(ids)]
}
