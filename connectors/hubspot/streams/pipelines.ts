import type { FetchContext } from '../../../core/sync/types.ts'
import { PipelinesResponse, type StageInfo } from '../types.ts'
import { type CallTarget, callHubSpot } from './call.ts'

export type StageIndex = Map<string, StageInfo>

export const stageKey = (pipeline: string | null, stage: string | null) =>
  `${pipeline ?? ''}/${stage ?? ''}`

/**
 * Stage ids → labels and open/closed, from `GET /crm/v3/pipelines/tickets` (docs: "CRM API |
 * Pipelines"): `metadata.isClosed` is the string "true"/"false", `metadata.ticketState` OPEN/CLOSED.
 */
export async function fetchStageIndex(ctx: FetchContext, target: CallTarget): Promise<StageIndex> {
  const response = await callHubSpot(ctx, target, PipelinesResponse, {
    path: '/crm/v3/pipelines/tickets',
    endpoint: 'GET /crm/v3/pipelines/tickets',
  })
  const index: StageIndex = new Map()
  for (const pipeline of response.results) {
    for (const stage of pipeline.stages) {
      const meta = stage.metadata ?? {}
      const closed = meta.isClosed === 'true' || (meta.ticketState ?? '').toUpperCase() === 'CLOSED'
      index.set(stageKey(pipeline.id, stage.id), {
        pipeline: pipeline.id,
        pipelineLabel: pipeline.label,
        label: stage.label,
        closed,
      })
    }
  }
  return index
}

/** Fetches the stages once per connector instance (one run), again once if a stage is unknown. */
export function createStageCache(target: CallTarget) {
  let cached: Promise<StageIndex> | null = null
  let refreshed = false
  return {
    async get(ctx: FetchContext, needed: string[]): Promise<StageIndex> {
      if (cached === null) cached = fetchStageIndex(ctx, target)
      let index = await cached.catch((error) => {
        cached = null
        throw error
      })
      if (!refreshed && needed.some((key) => !index.has(key))) {
        refreshed = true
        cached = fetchStageIndex(ctx, target)
        index = await cached
      }
      return index
    },
  }
}
