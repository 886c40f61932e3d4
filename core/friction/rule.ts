import type {
  FrictionKind,
  FrictionPoint,
  FrictionSettings,
  Severity,
  SourceRef,
  SurveyResponse,
  Ticket,
} from '../model/index.ts'
import { refKey } from '../model/index.ts'
import type { Timeline } from './timeline.ts'

/** One friction rule: a customer's timeline and the tenant's thresholds → what went wrong. */
export type FrictionRule = (
  timeline: Timeline,
  settings: FrictionSettings,
  now: number,
) => FrictionPoint[]

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

export const at = (instant: string): number => Date.parse(instant)

/** `<kind>:<ref key of the main evidence>`: the same finding keeps its id across derivations. */
export function frictionPoint(
  kind: FrictionKind,
  fields: {
    severity: Severity
    since: string
    open: boolean
    reason: string
    params: Record<string, string | number>
    evidence: [SourceRef, ...SourceRef[]]
  },
): FrictionPoint {
  return { id: `${kind}:${refKey(fields.evidence[0])}`, kind, ...fields }
}

/** A response's evidence: itself, then its ticket (the timeline's copy carries the deep link). */
export function responseEvidence(
  response: SurveyResponse,
  timeline: Timeline,
): [SourceRef, ...SourceRef[]] {
  if (!response.ticket) return [response.ref]
  const ticket = ticketsByKey(timeline).get(refKey(response.ticket))
  return [response.ref, ticket?.ref ?? response.ticket]
}

// Several rules look tickets up by key; index each timeline once.
const ticketIndex = new WeakMap<Timeline, Map<string, Ticket>>()
function ticketsByKey(timeline: Timeline): Map<string, Ticket> {
  let index = ticketIndex.get(timeline)
  if (!index) {
    index = new Map(timeline.tickets.map((t) => [refKey(t.ref), t]))
    ticketIndex.set(timeline, index)
  }
  return index
}

export const SURVEY_LABEL: Record<SurveyResponse['kind'], string> = {
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  custom: 'Survey',
}

/** `95 minutes` → `1.6 hours`, `3000 minutes` → `2.1 days`: reasons read like a person wrote them. */
export function formatMinutes(minutes: number): string {
  if (minutes < 120) return `${Math.round(minutes)} minutes`
  if (minutes < 48 * 60) return `${round1(minutes / 60)} hours`
  return `${round1(minutes / (24 * 60))} days`
}

export const round1 = (value: number): number => Math.round(value * 10) / 10

export const ticketRefs = (tickets: readonly Ticket[]): SourceRef[] => tickets.map((t) => t.ref)
