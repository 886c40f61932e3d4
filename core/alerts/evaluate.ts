import {
  refKey,
  type Customer,
  type FrictionPoint,
  type SourceRef,
  type SurveyResponse,
} from '../model/index.ts'
import type { AlertRuleKind, AlertRules } from './rules.ts'
import { alertText } from './text.ts'

/** One alert a rule raises for one finding; the same finding always gives the same `id`. */
export interface AlertCandidate {
  id: string
  rule: AlertRuleKind
  customer: { id: string; name: string; emails: string[]; identities: SourceRef[] }
  /** The record that made the rule fire (the answer; the friction point's first evidence). */
  subject: SourceRef
  /** When it happened (answer submitted, friction started): what the window and guards compare. */
  occurredAt: string
  score: number | null
  scale: { min: number; max: number } | null
  /** For a drop: the answer before. */
  previousScore: number | null
  comment: string | null
  /** One line, Slack-compatible. */
  text: string
}

export interface AlertInput {
  customer: Customer
  responses: readonly SurveyResponse[]
  friction: readonly FrictionPoint[]
  rules: AlertRules
  /** Findings that happened before this instant (ms) are not evaluated at all. */
  sinceMs: number
}

/** FNV-1a 64-bit: a short deterministic id with no I/O (core stays synchronous and pure). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return hash.toString(16).padStart(16, '0')
}

/** The alert id of a rule's finding: re-deriving the same data never raises it twice. */
export function alertId(rule: AlertRuleKind, findingKey: string): string {
  return `alr_${fnv1a64(`${rule}|${findingKey}`)}`
}

/**
 * The alerts a customer's data raises under the tenant's rules, for findings at or after
 * `sinceMs`. Pure: which of them are new, history, or already raised is the store's to decide.
 */
export function evaluateAlerts(input: AlertInput): AlertCandidate[] {
  const { rules, sinceMs } = input
  const customer = {
    id: input.customer.id,
    name: input.customer.displayName,
    emails: input.customer.emails,
    identities: input.customer.identities,
  }
  const recent = (at: string) => Date.parse(at) >= sinceMs
  const out: AlertCandidate[] = []
  const raise = (
    rule: AlertRuleKind,
    findingKey: string,
    fields: Omit<AlertCandidate, 'id' | 'rule' | 'customer' | 'text'>,
  ) => {
    const partial = { id: alertId(rule, findingKey), rule, customer, ...fields }
    out.push({ ...partial, text: alertText(partial) })
  }
  const answers = input.responses.filter((r) => !r.deleted)
  const fromResponse = (r: SurveyResponse, previousScore: number | null = null) => ({
    subject: r.ref,
    occurredAt: r.submittedAt,
    score: r.score,
    scale: r.scale,
    previousScore,
    comment: r.comment,
  })
  // An NPS answer's fall from the one before (for the drop rule and the detractor's text).
  const previousNps = new Map<SurveyResponse, number>()
  const nps = answers
    .filter((r) => r.kind === 'nps')
    .sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt))
  for (let i = 1; i < nps.length; i++) previousNps.set(nps[i]!, nps[i - 1]!.score)
  for (const r of answers) {
    if (!recent(r.submittedAt)) continue
    const previous = previousNps.get(r) ?? null
    const detractor =
      rules.npsDetractor.enabled && r.kind === 'nps' && r.score <= rules.npsDetractor.maxScore
    if (detractor) raise('nps_detractor', refKey(r.ref), fromResponse(r, previous))
    // One answer, one alert: a detractor's alert already says how far it fell.
    const drop = previous !== null && previous - r.score >= rules.npsDrop.points
    if (rules.npsDrop.enabled && drop && !detractor) {
      raise('nps_drop', refKey(r.ref), fromResponse(r, previous))
    }
    // The lowest option of the answer's own scale (1 of 1–5, 1 of 1–2 "bad"…).
    if (rules.csatLowest.enabled && r.kind === 'csat' && r.score <= r.scale.min) {
      raise('csat_lowest', refKey(r.ref), fromResponse(r))
    }
  }
  if (rules.criticalFriction.enabled) {
    for (const point of input.friction) {
      if (!point.open || point.severity !== 'critical' || !recent(point.since)) continue
      raise('critical_friction', point.id, {
        subject: point.evidence[0]!,
        occurredAt: point.since,
        score: null,
        scale: null,
        previousScore: null,
        comment: point.reason,
      })
    }
  }
  return out
}
