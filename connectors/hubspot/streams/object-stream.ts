import type { UnifiedRecord } from '../../../core/model/index.ts'
import type { FetchContext, Page, StreamDefinition } from '../../../core/sync/types.ts'
import type { MapContext } from '../mappers/refs.ts'
import {
  type CrmObject,
  type HubSpotItem,
  type HubSpotObjectType,
  ListResponse,
  SearchResponse,
} from '../types.ts'
import { ASSOCIATION_BATCH, fetchAssociations, inlineAssociatedIds } from './associations.ts'
import { type CallTarget, callHubSpot } from './call.ts'
import {
  type ArchivedCursor,
  type BackfillCursor,
  type IncrementalCursor,
  decodeCursor,
  encodeCursor,
} from './cursor.ts'
import { type StageIndex, stageKey } from './pipelines.ts'

/** What differs between the four object streams: data, not code (see `table.ts`). */
export interface ObjectStreamSpec {
  type: HubSpotObjectType
  /** `lastmodifieddate` for contacts, `hs_lastmodifieddate` for the others. */
  modifiedProperty: string
  properties: string[]
  /** Looked up per page through v4 batch reads (live records only). */
  associations: HubSpotObjectType[]
  withStages: boolean
  map(item: HubSpotItem, ctx: MapContext): UnifiedRecord[]
}

export interface StreamSettings {
  target: CallTarget
  mapContext: MapContext
  /** How far back each poll re-reads, to cover search's indexing lag. */
  lookbackMs: number
  /** How often the archived list is swept for deletions, merges' losers and privacy deletions. */
  archivedSweepMs: number
  stages: { get(ctx: FetchContext, keys: string[]): Promise<StageIndex> }
}

export const LIST_LIMIT = 100
export const SEARCH_LIMIT = 200
/** Ids a `NOT_IN` filter lists at most ([unverified] cap; the sandbox enforces it). */
const SEEN_MAX = 100

export function createObjectStream(
  spec: ObjectStreamSpec,
  settings: StreamSettings,
): StreamDefinition<HubSpotItem> {
  const { target } = settings
  const name = spec.type
  const modifiedMs = (o: CrmObject) => {
    const value = o.properties[spec.modifiedProperty] ?? o.updatedAt
    return /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  }

  /**
   * Associations and stages for a page. `inline`: the list endpoint carried the associations
   * (a record whose list was cut short is read through v4 like search results); `batch`: search
   * results, read through v4 batch reads of up to 1,000 ids; `none`: archived records.
   */
  async function enrich(
    ctx: FetchContext,
    objects: CrmObject[],
    associations: 'inline' | 'batch' | 'none',
  ): Promise<HubSpotItem[]> {
    const items: HubSpotItem[] = objects.map((object) => ({
      type: spec.type,
      object,
      associations: {},
    }))
    if (items.length === 0) return items
    const live = associations !== 'none'
    for (const to of live ? spec.associations : []) {
      const unread: HubSpotItem[] = []
      for (const item of items) {
        const inline = associations === 'inline' ? inlineAssociatedIds(item.object, to) : null
        if (inline === null) unread.push(item)
        else item.associations[to] = inline
      }
      if (unread.length === 0) continue
      const ids = unread.map((item) => item.object.id)
      const found = await fetchAssociations(ctx, target, spec.type, to, ids)
      for (const item of unread) item.associations[to] = found.get(item.object.id) ?? []
    }
    if (spec.withStages) {
      const keyOf = (o: CrmObject) =>
        stageKey(o.properties.hs_pipeline ?? null, o.properties.hs_pipeline_stage ?? null)
      const index = await settings.stages.get(ctx, live ? objects.map(keyOf) : [])
      for (const item of items) item.stage = index.get(keyOf(item.object)) ?? null
    }
    return items
  }

  // docs: "CRM API | Objects" › GET /crm/v3/objects/{objectType} (limit ≤ 100, `after`, `archived`,
  // `associations`: the associated ids of each record inline, no v4 call).
  async function list(ctx: FetchContext, after: string | null, archived: boolean) {
    const query = new URLSearchParams({ limit: String(LIST_LIMIT), archived: String(archived) })
    query.set('properties', spec.properties.join(','))
    if (!archived && spec.associations.length > 0)
      query.set('associations', spec.associations.join(','))
    if (after !== null) query.set('after', after)
    return callHubSpot(ctx, target, ListResponse, {
      path: `/crm/v3/objects/${spec.type}?${query}`,
      endpoint: `GET /crm/v3/objects/${spec.type}`,
    })
  }

  // docs: "CRM API | Search" › POST /crm/v3/objects/{objectType}/search (limit ≤ 200, one sort).
  async function search(ctx: FetchContext, cursor: IncrementalCursor) {
    const mod = spec.modifiedProperty
    const filters =
      cursor.mode === 'tie'
        ? [
            { propertyName: mod, operator: 'EQ', value: String(cursor.t) },
            ...(cursor.id !== null
              ? [{ propertyName: 'hs_object_id', operator: 'GT', value: cursor.id }]
              : []),
          ]
        : [
            {
              propertyName: mod,
              operator: cursor.inclusive ? 'GTE' : 'GT',
              value: String(cursor.t),
            },
          ]
    // `mod == t` minus the ids read there, or `mod > t`: the page's last record is not read twice.
    const filterGroups =
      cursor.mode === 'forward' && cursor.inclusive && cursor.seen.length > 0
        ? [
            {
              filters: [
                { propertyName: mod, operator: 'EQ', value: String(cursor.t) },
                { propertyName: 'hs_object_id', operator: 'NOT_IN', values: cursor.seen },
              ],
            },
            { filters: [{ propertyName: mod, operator: 'GT', value: String(cursor.t) }] },
          ]
        : [{ filters }]
    return callHubSpot(ctx, target, SearchResponse, {
      method: 'POST',
      path: `/crm/v3/objects/${spec.type}/search`,
      body: {
        filterGroups,
        sorts: [
          { propertyName: cursor.mode === 'tie' ? 'hs_object_id' : mod, direction: 'ASCENDING' },
        ],
        properties: spec.properties,
        limit: SEARCH_LIMIT,
      },
      endpoint: `POST /crm/v3/objects/${spec.type}/search`,
      search: true,
    })
  }

  const firstPoll = (t: number, now: number, lastSweepAt: number): IncrementalCursor => ({
    phase: 'incremental',
    mode: 'forward',
    t,
    inclusive: true,
    id: null,
    seen: [],
    chainStartedAt: null,
    sweepAt: now + settings.archivedSweepMs,
    lastSweepAt,
  })

  async function backfillPage(
    ctx: FetchContext,
    cursor: BackfillCursor,
  ): Promise<Page<HubSpotItem>> {
    const response = await list(ctx, cursor.after, false)
    const items = await enrich(ctx, response.results, 'inline')
    const next = response.paging?.next?.after ?? null
    if (next !== null)
      return { items, cursor: encodeCursor({ ...cursor, after: next }), done: false }
    const now = ctx.now()
    const resume = firstPoll(cursor.startedAt - settings.lookbackMs, now, cursor.startedAt)
    const archived: ArchivedCursor = {
      phase: 'archived',
      after: null,
      since: 0,
      startedAt: now,
      resume,
    }
    return { items, cursor: encodeCursor(archived), done: false }
  }

  async function archivedPage(
    ctx: FetchContext,
    cursor: ArchivedCursor,
  ): Promise<Page<HubSpotItem>> {
    const response = await list(ctx, cursor.after, true)
    const recent = response.results.filter((o) => {
      const at = Date.parse(o.archivedAt ?? o.updatedAt)
      return cursor.since === 0 || Number.isNaN(at) || at >= cursor.since
    })
    const items = await enrich(ctx, recent, 'none')
    const next = response.paging?.next?.after ?? null
    if (next !== null)
      return { items, cursor: encodeCursor({ ...cursor, after: next }), done: false }
    const resume = {
      ...cursor.resume,
      lastSweepAt: cursor.startedAt,
      sweepAt: ctx.now() + settings.archivedSweepMs,
    }
    return { items, cursor: encodeCursor(resume), done: true, completeUpTo: cursor.resume.t }
  }

  /** Where one search page leaves the chain: searching on, or at its end (the present). */
  function afterSearch(
    cursor: IncrementalCursor,
    response: SearchResponse,
  ): { next: IncrementalCursor; end: false } | { end: true } {
    const objects = response.results
    const full = objects.length >= SEARCH_LIMIT && (response.paging?.next ?? null) !== null
    if (full) {
      const last = objects[objects.length - 1]!
      const lastT = modifiedMs(last)
      if (cursor.mode === 'tie') return { next: { ...cursor, id: last.id }, end: false }
      // A full page that never left `t`: more than a page shares one time (a bulk import).
      if (lastT === cursor.t)
        return { next: { ...cursor, mode: 'tie', id: null, seen: [] }, end: false }
      // Ids read at `lastT`: the next query leaves them out (too many to list: read them again).
      const atLast = objects.filter((o) => modifiedMs(o) === lastT).map((o) => o.id)
      const seen = atLast.length <= SEEN_MAX ? atLast : []
      return { next: { ...cursor, t: lastT, inclusive: true, seen }, end: false }
    }
    if (cursor.mode === 'tie') {
      const next: IncrementalCursor = {
        ...cursor,
        mode: 'forward',
        inclusive: false,
        id: null,
        seen: [],
      }
      return { next, end: false }
    }
    return { end: true }
  }

  /**
   * Search pages (200 each) until the chain ends or a v4 batch read's worth (1,000) is gathered,
   * then one batch read per association type for all of them: search returns no associations.
   */
  async function incrementalPage(
    ctx: FetchContext,
    start: IncrementalCursor,
  ): Promise<Page<HubSpotItem>> {
    const now = ctx.now()
    let cursor: IncrementalCursor = { ...start, chainStartedAt: start.chainStartedAt ?? now }
    const objects: CrmObject[] = []
    for (;;) {
      const response = await search(ctx, cursor)
      objects.push(...response.results)
      const step = afterSearch(cursor, response)
      if (step.end) break
      cursor = step.next
      if (objects.length + SEARCH_LIMIT > ASSOCIATION_BATCH) {
        const items = await enrich(ctx, objects, 'batch')
        return { items, cursor: encodeCursor(cursor), done: false }
      }
    }
    const items = await enrich(ctx, objects, 'batch')
    // The chain reached the present. Everything modified before it began (minus the indexing lag)
    // was visible to it; the next poll re-reads from there. `settled` only grows from poll to poll.
    const settled = cursor.chainStartedAt! - settings.lookbackMs
    const nextPoll: IncrementalCursor = {
      ...firstPoll(settled, now, cursor.lastSweepAt),
      sweepAt: cursor.sweepAt,
    }
    if (now >= cursor.sweepAt) {
      const since = Math.max(1, cursor.lastSweepAt - settings.lookbackMs)
      const sweep: ArchivedCursor = {
        phase: 'archived',
        after: null,
        since,
        startedAt: now,
        resume: nextPoll,
      }
      return { items, cursor: encodeCursor(sweep), done: false }
    }
    return { items, cursor: encodeCursor(nextPoll), done: true, completeUpTo: settled }
  }

  return {
    name,
    async fetchPage(raw, ctx) {
      const cursor =
        raw === null
          ? ({ phase: 'backfill', after: null, startedAt: ctx.now() } satisfies BackfillCursor)
          : decodeCursor(raw, name)
      if (cursor.phase === 'backfill') return backfillPage(ctx, cursor)
      if (cursor.phase === 'archived') return archivedPage(ctx, cursor)
      return incrementalPage(ctx, cursor)
    },
    map: (item) => spec.map(item, settings.mapContext),
    idOf: (item) => `${item.type}:${item.object.id}`,
  }
}
