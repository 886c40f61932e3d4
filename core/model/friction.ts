import { z } from 'zod'
import { Instant, SourceRef } from './source-ref.ts'

export const FrictionKind = z.enum([
  'low_csat',
  'reopened_ticket',
  'waiting_too_long',
  'slow_first_reply',
  'repeat_contact',
  'nps_detractor',
  'nps_drop',
  'negative_sentiment',
  'channel_hopping',
  'escalation',
])
export type FrictionKind = z.infer<typeof FrictionKind>

export const Severity = z.enum(['low', 'medium', 'high', 'critical'])
export type Severity = z.infer<typeof Severity>

export const FrictionPoint = z.strictObject({
  /** Stable for the same finding across re-derivations: `<kind>:<evidence key>`. */
  id: z.string(),
  kind: FrictionKind,
  severity: Severity,
  /** When the friction started (the bad rating, the ticket's wait start…). */
  since: Instant,
  /** Open while the situation lasts (the ticket is still open, the rating is recent…). */
  open: z.boolean(),
  /** One line in English; UIs translate from `kind` + `params`. */
  reason: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The tickets and survey responses that show it (a stored view keeps the first ones). */
  evidence: z.array(SourceRef).min(1),
  /** Evidence in all, `evidence` included (optional: set when a stored view cut the list). */
  evidenceTotal: z.number().int().optional(),
})
export type FrictionPoint = z.infer<typeof FrictionPoint>
