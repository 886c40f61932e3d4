import type { Ticket } from '../model/index.ts'

const isDone = (t: Ticket): boolean => t.status === 'solved' || t.status === 'closed'

/**
 * First-contact resolution: share of solved/closed tickets resolved with a single agent reply and
 * never reopened, 0–100. Tickets whose reply count is unknown are left out; null when none count.
 */
export function firstContactResolutionPercent(tickets: readonly Ticket[]): number | null {
  const known = tickets.filter((t) => isDone(t) && t.replies !== null)
  if (known.length === 0) return null
  const firstContact = known.filter((t) => (t.replies ?? 0) <= 1 && t.reopens === 0).length
  return (firstContact / known.length) * 100
}

/** Median of the known values (minutes), null when none: robust to the odd month-long ticket. */
export function medianMinutes(values: readonly (number | null)[]): number | null {
  const known = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b)
  if (known.length === 0) return null
  const middle = Math.floor(known.length / 2)
  return known.length % 2 === 1
    ? (known[middle] as number)
    : (known[middle - 1] as number) / 2 + (known[middle] as number) / 2
}

export const medianFirstReplyMinutes = (tickets: readonly Ticket[]): number | null =>
  medianMinutes(tickets.map((t) => t.firstReplyMinutes))

export const medianResolutionMinutes = (tickets: readonly Ticket[]): number | null =>
  medianMinutes(tickets.filter(isDone).map((t) => t.fullResolutionMinutes))
