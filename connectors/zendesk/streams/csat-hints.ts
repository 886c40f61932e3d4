import { z } from 'zod'
import type { ConnectorCache } from '../../../core/sync/types.ts'

/**
 * Change signals for the CSAT lists, which filter on creation time only. The tickets stream sees
 * every changed ticket first (it runs before them in a poll) and leaves a hint in the connection's
 * cache: the oldest creation time the next CSAT walk must go back to (`since`), and rating ids
 * the ticket carries that the ratings stream has never read (`unseen`, with a lower bound on
 * their creation). A hint the CSAT stream has not consumed yet stays for the next poll.
 */
export const CsatHint = z.strictObject({
  /** Unix seconds (ratings) or milliseconds (survey responses), the list filter's own unit. */
  since: z.number().int().nonnegative().optional(),
  unseen: z.record(z.string(), z.number().int().nonnegative()).optional(),
  /** Changes whenever the hint is written, so a walk clears only the hint it took. */
  seq: z.number().int().nonnegative(),
})
export type CsatHint = z.infer<typeof CsatHint>

export const hintKey = (stream: string) => `zendesk:csat_hint:${stream}`

/** The stored hint as text (what a walk takes and later compares), or null. */
export function takeHint(cache: ConnectorCache | undefined, stream: string): string | null {
  const raw = cache?.get(hintKey(stream)) ?? null
  return raw && raw !== '' ? raw : null
}

export function parseHint(raw: string | null): CsatHint | null {
  if (!raw) return null
  try {
    const parsed = CsatHint.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Lowers `since` and adds unseen ids; one write for a page's worth of signals. */
export function addHint(
  cache: ConnectorCache | undefined,
  stream: string,
  add: { since?: number; unseen?: Record<string, number> },
): void {
  if (!cache || (add.since === undefined && Object.keys(add.unseen ?? {}).length === 0)) return
  const held = parseHint(takeHint(cache, stream))
  const since = [held?.since, add.since].filter((v): v is number => v !== undefined)
  const unseen = { ...held?.unseen, ...add.unseen }
  const next: CsatHint = {
    ...(since.length > 0 ? { since: Math.min(...since) } : {}),
    ...(Object.keys(unseen).length > 0 ? { unseen } : {}),
    seq: (held?.seq ?? 0) + 1,
  }
  cache.set(hintKey(stream), JSON.stringify(next))
}

/** Clears the hint when it is still the one the walk took; a newer one waits for the next walk. */
export function clearHint(cache: ConnectorCache | undefined, stream: string, taken: string): void {
  if (cache && takeHint(cache, stream) === taken) cache.set(hintKey(stream), '')
}

/** Where a CSAT list's next walk starts (its filter's unit); absent before its first walk ends. */
export const walkStartKey = (stream: string) => `zendesk:csat_next_start:${stream}`

export function nextWalkStart(cache: ConnectorCache | undefined, stream: string): number | null {
  const value = Number(cache?.get(walkStartKey(stream)) ?? Number.NaN)
  return Number.isFinite(value) ? value : null
}

/** What the ratings stream remembers of a rating it read: its creation and answer. */
export const ratingKey = (id: string) => `zendesk:rating:${id}`

/** The part of a rating the ticket embeds (`satisfaction_rating {id, score, comment}`). */
export function ratingFingerprint(score: unknown, comment: unknown): string {
  return `${String(score)}|${typeof comment === 'string' ? comment : ''}`
}

export function rememberRating(
  cache: ConnectorCache | undefined,
  id: string,
  createdAt: number,
  fingerprint: string,
): void {
  cache?.set(ratingKey(id), JSON.stringify([createdAt, fingerprint]))
}

export function recalledRating(
  cache: ConnectorCache | undefined,
  id: string,
): { createdAt: number; fingerprint: string } | null {
  const raw = cache?.get(ratingKey(id))
  if (!raw) return null
  try {
    const [createdAt, fingerprint] = JSON.parse(raw) as [unknown, unknown]
    return typeof createdAt === 'number' && typeof fingerprint === 'string'
      ? { createdAt, fingerprint }
      : null
  } catch {
    return null
  }
}
