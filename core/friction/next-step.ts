import {
  isOpen,
  refKey,
  type FrictionGroup,
  type FrictionKind,
  type FrictionPoint,
  type NextStepAction,
  type SourceRef,
  type Ticket,
} from '../model/index.ts'

type NextStep = FrictionGroup['nextStep']

/**
 * The first thing to do about a group, from its most urgent finding: a customer nobody answered
 * comes before an escalation, which comes before a wait, a run of contacts, a failed fix, a bad
 * rating and, last, an NPS answer (the relationship is mended by fixing the rest first).
 */
const ACTIONS: ReadonlyArray<{ action: NextStepAction; fits: (p: FrictionPoint) => boolean }> = [
  { action: 'reply_now', fits: (p) => p.kind === 'slow_first_reply' && p.params.replied === 0 },
  { action: 'own_escalation', fits: kindIs('escalation') },
  { action: 'answer_waiting', fits: kindIs('waiting_too_long') },
  { action: 'answer_once', fits: kindIs('repeat_contact', 'channel_hopping') },
  { action: 'check_reopened_fix', fits: kindIs('reopened_ticket') },
  { action: 'follow_up_ticket', fits: kindIs('slow_first_reply') },
  { action: 'follow_up_rating', fits: kindIs('low_csat', 'negative_sentiment') },
  { action: 'close_nps_loop', fits: kindIs('nps_detractor', 'nps_drop') },
]

function kindIs(...kinds: FrictionKind[]) {
  return (p: FrictionPoint) => kinds.includes(p.kind)
}

/** The action and the ticket to do it on (the newest open one of the point, else its newest). */
export function nextStepOf(
  points: readonly FrictionPoint[],
  ticketsOf: (point: FrictionPoint) => readonly Ticket[],
): NextStep {
  for (const { action, fits } of ACTIONS) {
    const point = points.find(fits)
    if (point) return { action, ticket: ticketToActOn(ticketsOf(point)) }
  }
  return { action: 'follow_up_ticket', ticket: ticketToActOn(points.flatMap(ticketsOf)) }
}

function ticketToActOn(tickets: readonly Ticket[]): SourceRef | null {
  const newestFirst = [...tickets].sort(
    (a, b) =>
      Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
      refKey(a.ref).localeCompare(refKey(b.ref)),
  )
  return (newestFirst.find(isOpen) ?? newestFirst[0])?.ref ?? null
}
