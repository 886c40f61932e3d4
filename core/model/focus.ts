import { z } from 'zod'
import { FrictionKind, Severity } from './friction.ts'
import { Instant, SourceRef } from './source-ref.ts'

/** What an agent should do first about a group of friction points (see core/friction/next-step.ts). */
export const NextStepAction = z.enum([
  'reply_now',
  'own_escalation',
  'answer_waiting',
  'answer_once',
  'check_reopened_fix',
  'follow_up_ticket',
  'follow_up_rating',
  'close_nps_loop',
])
export type NextStepAction = z.infer<typeof NextStepAction>

/**
 * Friction points about one ticket or one topic, ranked as one: what the agent acts on.
 * `why` is the lead point's finding (the group's most pressing point), so UIs translate it the way
 * they translate any friction point: from `kind + params`.
 */
export const FrictionGroup = z.strictObject({
  /** `group:<id of the group's oldest point>`: stable while the group keeps that point. */
  id: z.string(),
  /** Higher first; comparable across customers (see core/friction/prioritise.ts). */
  priority: z.number(),
  severity: Severity,
  /** Kinds of its points, the lead's first. */
  kinds: z.array(FrictionKind).min(1),
  /** Ids of its friction points (all in the view's `friction`), the lead's first. */
  points: z.array(z.string()).min(1),
  /** The subject of its newest ticket; null for points without tickets (an NPS answer). */
  topic: z.string().nullable(),
  since: Instant,
  lastActivityAt: Instant,
  /** Tickets it cost: the distinct tickets among its evidence. */
  contacts: z.number().int().nonnegative(),
  why: z.strictObject({
    kind: FrictionKind,
    reason: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  nextStep: z.strictObject({ action: NextStepAction, ticket: SourceRef.nullable() }),
  /** Every piece of evidence of its points, once each (a stored view keeps the first ones). */
  evidence: z.array(SourceRef).min(1),
  /** Evidence in all, and points in all (optional: set when a stored view cut the lists). */
  evidenceTotal: z.number().int().optional(),
  pointsTotal: z.number().int().optional(),
})
export type FrictionGroup = z.infer<typeof FrictionGroup>

export const RiskLevel = z.enum(['at_risk', 'watch', 'fine'])
export type RiskLevel = z.infer<typeof RiskLevel>

export const RiskReasonCode = z.enum([
  'critical_friction',
  'high_friction',
  'open_friction',
  'nps_detractor',
  'nps_falling',
  'repeat_contacts',
  'low_csat',
])
export type RiskReasonCode = z.infer<typeof RiskReasonCode>

export const CustomerRisk = z.strictObject({
  level: RiskLevel,
  /** Most serious first; empty when fine. */
  reasons: z.array(
    z.strictObject({
      code: RiskReasonCode,
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
})
export type CustomerRisk = z.infer<typeof CustomerRisk>

/** The ranked, grouped open friction of a customer and the risk it adds up to. */
export const CustomerFocus = z.strictObject({
  /** Highest priority first, at most 10 (the sidebar shows 3 and expands to the rest). */
  groups: z.array(FrictionGroup),
  /** Groups before the cap. */
  total: z.number().int().nonnegative(),
  /** Open points left out for having seen no activity for the tenant's `staleAfterDays`. */
  agedOut: z.number().int().nonnegative(),
  risk: CustomerRisk,
})
export type CustomerFocus = z.infer<typeof CustomerFocus>
