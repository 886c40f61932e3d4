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

const CACHE_KEY = 'hubspot:pipelines:tickets'
/** Stages change rarely and no event says so: read again a day after (engine clock). */
export const STAGES_MAX_AGE_MS = 24 * 3_600_000

interface Known {
  index: StageIndex
  fetchedAt: number
  /** Stage keys records named that the last read did not have: no use asking again for them. */
  missing: Set<string>
}

/**
 * The ticket stages, kept in the connection's cache in the store across runs: read again when a
 * record names a stage the cache does not know (a new stage), or once a day (a renamed one).
 */
export function createStageCache(target: CallTarget) {
  let known: Known | null = null

  function fromCache(ctx: FetchContext): Known | null {
    const stored = ctx.cache?.get(CACHE_KEY)
    if (!stored) return null
    try {
      const value = JSON.parse(stored) as {
        fetchedAt: number
        stages: [string, StageInfo][]
        missing: string[]
      }
      return {
        index: new Map(value.stages),
        fetchedAt: value.fetchedAt,
        missing: new Set(value.missing),
      }
    } catch {
      return null // an unreadable entry is read again from HubSpot
    }
  }

  function save(ctx: FetchContext, value: Known) {
    known = value
    const stored = {
      fetchedAt: value.fetchedAt,
      stages: [...value.index],
      missing: [...value.missing],
    }
    ctx.cache?.set(CACHE_KEY, JSON.stringify(stored))
  }

  return {
    async get(ctx: FetchContext, needed: string[]): Promise<StageIndex> {
      known ??= fromCache(ctx)
      const unknown = needed.filter((key) => !known?.index.has(key) && !known?.missing.has(key))
      const stale = known === null || ctx.now() - known.fetchedAt > STAGES_MAX_AGE_MS
      if (!stale && unknown.length === 0) return known!.index
      const index = await fetchStageIndex(ctx, target)
      const asked = [...(stale ? [] : (known?.missing ?? [])), ...needed]
      const missing = new Set(asked.filter((key) => !index.has(key)))
      save(ctx, { index, fetchedAt: ctx.now(), missing })
      return index
    },
  }
}
