import type { ConnectorCache } from '../../../core/sync/types.ts'
import { idField } from './shared.ts'
import { addHint, nextWalkStart } from './csat-hints.ts'

/**
 * A CSAT survey response is created when the survey is offered and takes answers until its
 * `expires_at` (API reference "CSAT survey responses"), while its list filters on creation only.
 * The survey responses stream remembers, per ticket, its oldest response still open; a changed
 * ticket holding one hints that response's creation, so the next walk goes back to it. That an
 * answer updates its ticket is how Zendesk itself says to find new answers (developer guide
 * "Getting the CSAT ratings of tickets": export the tickets updated recently, some of them by a
 * survey answer, then read their audits for the response id). The stream's daily sweep stays as a
 * second net: a ticket change this connector missed, a response it never saw open.
 */
const openKey = (ticketId: string) => `zendesk:open_survey:${ticketId}`

export function rememberOpenResponse(
  cache: ConnectorCache | undefined,
  raw: unknown,
  createdAt: number | null,
  nowMs: number,
): void {
  const ticketId = ticketOf(raw)
  // An offered, unanswered response has no answer times: its ULID id carries its creation.
  createdAt ??= ulidSeconds(idField(raw))
  const expiresMs = Date.parse(String((raw as { expires_at?: unknown } | null)?.expires_at))
  if (!cache || !ticketId || createdAt === null || !(expiresMs > nowMs)) return
  const held = openResponse(cache, ticketId, nowMs)
  if (held && held.createdAt <= createdAt) return
  cache.set(openKey(ticketId), JSON.stringify([createdAt, expiresMs]))
}

export function hintSurveyChanges(
  tickets: unknown[],
  cache: ConnectorCache | undefined,
  nowMs: number,
): void {
  // Before the stream's first walk ends, that walk reads every response anyway.
  const nextStart = nextWalkStart(cache, 'survey_responses')
  if (!cache || nextStart === null) return
  let since: number | undefined
  for (const ticket of tickets) {
    const open = openResponse(cache, idField(ticket), nowMs)
    if (open && open.createdAt < nextStart) since = Math.min(since ?? Infinity, open.createdAt)
  }
  if (since !== undefined) addHint(cache, 'survey_responses', { since })
}

function openResponse(cache: ConnectorCache, ticketId: string, nowMs: number) {
  const raw = cache.get(openKey(ticketId))
  if (!raw) return null
  try {
    const [createdAt, expiresMs] = JSON.parse(raw) as [unknown, unknown]
    if (typeof createdAt !== 'number' || typeof expiresMs !== 'number') return null
    return expiresMs > nowMs ? { createdAt } : null
  } catch {
    return null
  }
}

/** The ticket a response is about: `subjects[{type: "ticket", id}]` or a `zen:ticket:` zrn. */
function ticketOf(raw: unknown): string | null {
  const r = raw as { subjects?: unknown; subject_zrns?: unknown } | null
  if (Array.isArray(r?.subjects)) {
    for (const s of r.subjects as { type?: unknown; id?: unknown }[])
      if (s?.type === 'ticket' && (typeof s.id === 'string' || typeof s.id === 'number'))
        return String(s.id)
  }
  if (Array.isArray(r?.subject_zrns)) {
    for (const zrn of r.subject_zrns)
      if (typeof zrn === 'string' && zrn.startsWith('zen:ticket:')) return zrn.slice(11)
  }
  return null
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A ULID's first 10 characters are its creation in ms, Crockford base32 (ULID spec). */
export function ulidSeconds(id: string): number | null {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/i.test(id)) return null
  let ms = 0
  for (const char of id.slice(0, 10).toUpperCase()) ms = ms * 32 + CROCKFORD.indexOf(char)
  return Math.floor(ms / 1000)
}
