import type { ConnectorCache } from '../../../core/sync/types.ts'
import { addHint, nextWalkStart, ratingFingerprint, recalledRating } from './csat-hints.ts'
import { secondsOf } from './watermarked-pages.ts'

/**
 * A ticket carries its rating (`satisfaction_rating {id, score, comment}`, OpenAPI `TicketObject`;
 * "the satisfaction rating of the ticket, if it exists") and rating it updates the ticket, so the
 * ticket export brings every changed rating's ticket. Compared with what the ratings stream last
 * read: a different answer hints the rating's creation time; a rating never read hints its id,
 * with its ticket's creation as the earliest it can have been created (a rating comes after its
 * ticket). Offered/unoffered states are no answers and hint nothing; neither does what the next
 * walk reads anyway (created at or after its start).
 */
export function hintRatingChanges(tickets: unknown[], cache: ConnectorCache | undefined): void {
  // Before the ratings stream's first walk ends, that walk reads every rating anyway.
  const nextStart = nextWalkStart(cache, 'satisfaction_ratings')
  if (nextStart === null) return
  let since: number | undefined
  const unseen: Record<string, number> = {}
  for (const raw of tickets) {
    const ticket = raw as { created_at?: unknown; satisfaction_rating?: unknown } | null
    const rating = ticket?.satisfaction_rating as
      { id?: unknown; score?: unknown; comment?: unknown } | null | undefined
    if (!rating || (rating.score !== 'good' && rating.score !== 'bad')) continue
    if (typeof rating.id !== 'number' && typeof rating.id !== 'string') continue
    const id = String(rating.id)
    const known = recalledRating(cache, id)
    const ticketCreated = secondsOf(ticket?.created_at) ?? 0
    if (known === null) {
      if (ticketCreated < nextStart) unseen[id] = ticketCreated
    } else if (
      known.createdAt < nextStart &&
      known.fingerprint !== ratingFingerprint(rating.score, rating.comment)
    ) {
      since = Math.min(since ?? Infinity, known.createdAt)
    }
  }
  addHint(cache, 'satisfaction_ratings', { ...(since === undefined ? {} : { since }), unseen })
}
