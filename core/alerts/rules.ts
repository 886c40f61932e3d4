import { z } from 'zod'

/** The kinds of rule a tenant can switch on; each is evaluated by `evaluateAlerts`. */
export const AlertRuleKind = z.enum([
  'nps_detractor',
  'csat_lowest',
  'critical_friction',
  'nps_drop',
])
export type AlertRuleKind = z.infer<typeof AlertRuleKind>

/** When a rule was last switched on (ms): answers given before then never raise under it. */
const enabledSince = z.number().int().min(0).default(0)

/**
 * A tenant's alert rules. Defaults: every rule on (since the beginning), with the CX practice's
 * thresholds (NPS ≤ 6 is a detractor; a drop of 3 points between consecutive answers).
 */
export const AlertRules = z.strictObject({
  npsDetractor: z
    .strictObject({
      enabled: z.boolean().default(true),
      enabledSince,
      maxScore: z.number().int().min(0).max(10).default(6),
    })
    .prefault({}),
  csatLowest: z.strictObject({ enabled: z.boolean().default(true), enabledSince }).prefault({}),
  criticalFriction: z
    .strictObject({ enabled: z.boolean().default(true), enabledSince })
    .prefault({}),
  npsDrop: z
    .strictObject({
      enabled: z.boolean().default(true),
      enabledSince,
      points: z.number().int().min(1).max(10).default(3),
    })
    .prefault({}),
  /** Only what happened this recently raises (hours before the derive that sees it). */
  windowHours: z
    .number()
    .int()
    .min(1)
    .max(366 * 24)
    .default(24),
  /**
   * History a connection's first sync brings raises nothing unless this is set (then whatever of it
   * falls in the window raises, once).
   */
  raiseBackfill: z.boolean().default(false),
})
export type AlertRules = z.infer<typeof AlertRules>

export const DEFAULT_ALERT_RULES: AlertRules = AlertRules.parse({})

/**
 * The rules after an admin's edit: a rule switched from off to on starts now, so answers from
 * before never raise under it; a rule left on keeps its start.
 */
export function withEnabledSince(
  previous: AlertRules,
  next: AlertRules,
  nowMs: number,
): AlertRules {
  const restart = <T extends { enabled: boolean; enabledSince: number }>(was: T, is: T): T => ({
    ...is,
    enabledSince: is.enabled && !was.enabled ? nowMs : was.enabledSince,
  })
  return {
    ...next,
    npsDetractor: restart(previous.npsDetractor, next.npsDetractor),
    csatLowest: restart(previous.csatLowest, next.csatLowest),
    criticalFriction: restart(previous.criticalFriction, next.criticalFriction),
    npsDrop: restart(previous.npsDrop, next.npsDrop),
  }
}
