import type { FetchContext } from '../../../core/sync/types.ts'
import { AssociationBatchResponse, type HubSpotObjectType } from '../types.ts'
import { type CallTarget, callHubSpot } from './call.ts'

/** We send 100 ids per batch, the objects API's batch size (docs: "Associations v4" › batch read). */
export const ASSOCIATION_BATCH = 100

/** Associated ids for every `from` id; ids without associations map to `[]`. */
export async function fetchAssociations(
  ctx: FetchContext,
  target: CallTarget,
  from: HubSpotObjectType,
  to: HubSpotObjectType,
  ids: string[],
): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>(ids.map((id) => [id, []]))
  for (let i = 0; i < ids.length; i += ASSOCIATION_BATCH) {
    const batch = ids.slice(i, i + ASSOCIATION_BATCH)
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
