import type { Account, ZOrganization, ZTicket, ZUser } from './types.ts'

/** The account plus sorted views for the exports, rebuilt lazily after a change. */
export interface SandboxState {
  account: Account
  /** Bumped by every mutation; sorted views are cached per version. */
  version: number
  now(): number
  requests: RequestCounters
}

export interface RequestCounters {
  total: number
  /** `GET /api/v2/incremental/tickets/cursor.json` → count (every answered request, 4xx/5xx included). */
  byEndpoint: Record<string, number>
  /** `200`, `429`… → count. */
  byStatus: Record<string, number>
}

export function emptyCounters(): RequestCounters {
  return { total: 0, byEndpoint: {}, byStatus: {} }
}

interface Sorted<T> {
  version: number
  items: T[]
  keys: Float64Array
}

const cache = new WeakMap<SandboxState, Record<string, Sorted<unknown>>>()

function sorted<T extends { id: number }>(
  state: SandboxState,
  name: string,
  all: () => Iterable<T>,
  key: (item: T) => number,
): Sorted<T> {
  const views = cache.get(state) ?? {}
  cache.set(state, views)
  const hit = views[name] as Sorted<T> | undefined
  if (hit && hit.version === state.version) return hit
  const items = [...all()].sort((a, b) => key(a) - key(b) || a.id - b.id)
  const view = { version: state.version, items, keys: Float64Array.from(items, key) }
  views[name] = view as Sorted<unknown>
  return view
}

export const seconds = (isoTime: string): number => Math.floor(Date.parse(isoTime) / 1000)

/** Tickets by (generated_timestamp, id): the incremental ticket export's order. */
export function ticketsByTimestamp(state: SandboxState): Sorted<ZTicket> {
  return sorted(
    state,
    'tickets',
    () => state.account.tickets.values(),
    (t) => t.generated_timestamp,
  )
}

/** Users by (updated_at, id). */
export function usersByTimestamp(state: SandboxState): Sorted<ZUser> {
  return sorted(
    state,
    'users',
    () => state.account.users.values(),
    (u) => seconds(u.updated_at),
  )
}

/** Organizations by (updated_at, id). */
export function organizationsByTimestamp(state: SandboxState): Sorted<ZOrganization> {
  return sorted(
    state,
    'organizations',
    () => state.account.organizations.values(),
    (o) => seconds(o.updated_at),
  )
}

/** First index whose key is ≥ `key` (binary search). */
export function lowerBound(keys: Float64Array, key: number): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((keys[mid] as number) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
