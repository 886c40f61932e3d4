import { averageNormalised, npsCategory, npsPoints, satisfiedPercent } from '../metrics/index.ts'
import { byTime, type Timeline } from '../friction/index.ts'
import { isOpen, type CustomerView, type FrictionSettings, type Ticket } from '../model/index.ts'
import { toViewResponse } from './view-response.ts'
import { toViewTicket } from './view-ticket.ts'

const DAY = 86_400_000
const RECENT_TICKETS_MAX = 20

/** Percentages and averages rounded for storage and display: 66.7, not 66.66666666666667. */
const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits

export function npsSection(timeline: Timeline): CustomerView['nps'] {
  const answers = timeline.responses.filter((r) => r.kind === 'nps')
  const latest = answers.at(-1)
  const previous = answers.at(-2)
  answers.slice(-2).length === 2 ? answers.slice(-2) : [null, answers.at(-1)]
  return {
    responses: answers.map(toViewResponse),
    latest: latest
      ? {
          score: npsPoints(latest),
          category: npsCategory(npsPoints(latest)),
          at: latest.submittedAt,
        }
      : null,
    trend: latest && previous ? npsPoints(latest) - npsPoints(previous) : null,
  }
}

export function csatSection(
  timeline: Timeline,
  settings: FrictionSettings,
  now: number,
): CustomerView['csat'] {
  const answers = latestPerTicket(timeline.responses.filter((r) => r.kind === 'csat'))
  const recent = answers.filter((r) => now - Date.parse(r.submittedAt) <= settings.recentDays * DAY)
  return {
    responses: answers.map(toViewResponse),
    satisfiedPercent: round(satisfiedPercent(answers), 1),
    recentSatisfiedPercent: round(satisfiedPercent(recent), 1),
    averageNormalised: round(averageNormalised(answers), 4),
  }
}

/**
 * A ticket rated again through the same survey keeps only its latest answer: a re-rating
 * supersedes the first (Zendesk: "Using CSAT" counts a ticket's latest rating). Order is kept.
 */
function latestPerTicket(answers: Timeline['responses']): Timeline['responses'] {
  const latest = new Map<string, Timeline['responses'][number]>()
  const keyOf = (r: Timeline['responses'][number]) =>
    r.ticket === null
      ? null
      : `${r.survey.id}|${r.ticket.source}|${r.ticket.account}|${r.ticket.id}`
  for (const answer of answers) {
    const key = keyOf(answer)
    if (key === null) continue
    const seen = latest.get(key)
    if (!seen || Date.parse(answer.submittedAt) >= Date.parse(seen.submittedAt))
      latest.set(key, answer)
  }
  return answers.filter((r) => {
    const key = keyOf(r)
    return key === null || latest.get(key) === r
  })
}

export function cesSection(timeline: Timeline): CustomerView['ces'] {
  const answers = timeline.responses.filter((r) => r.kind === 'ces')
  return {
    responses: answers.map(toViewResponse),
    averageNormalised: round(averageNormalised(answers), 4),
  }
}

/**
 * Open tickets (open, pending, on hold) most recently updated first; recent ones are solved or
 * closed within `recentDays` (by solve time, last update when unknown), newest first, at most 20.
 */
export function ticketsSection(
  timeline: Timeline,
  settings: FrictionSettings,
  now: number,
): CustomerView['tickets'] {
  const doneAt = (t: Ticket): string => t.solvedAt ?? t.updatedAt
  const newestFirst = (instant: (t: Ticket) => string) => {
    const oldestFirst = byTime(instant)
    return (a: Ticket, b: Ticket) => oldestFirst(b, a)
  }
  const open = timeline.tickets.filter(isOpen).sort(newestFirst((t) => t.updatedAt))
  const recent = timeline.tickets
    .filter((t) => !isOpen(t) && now - Date.parse(doneAt(t)) <= settings.recentDays * DAY)
    .sort(newestFirst(doneAt))
    .slice(0, RECENT_TICKETS_MAX)
  return {
    open: open.map(toViewTicket),
    recent: recent.map(toViewTicket),
    total: timeline.tickets.length,
  }
}
