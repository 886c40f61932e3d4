import { z } from 'zod'

/** Per-tenant thresholds of the friction rules. Every field has a default a serious team would pick. */
export const FrictionSettings = z.strictObject({
  /** A CSAT/CES answer at or below this normalised score (0 worst, 1 best) is low. */
  lowCsatNormalisedMax: z.number().min(0).max(1).default(0.5),
  /** How far back a low rating stays an open friction point. */
  lowCsatWindowDays: z.number().int().positive().default(30),
  /** An NPS answer at or below this score is a detractor (NPS convention: 0–6). */
  npsDetractorMax: z.number().int().min(0).max(10).default(6),
  /** A fall of at least this many points between two consecutive NPS answers. */
  npsDropPoints: z.number().int().positive().default(3),
  /** A ticket reopened at least this many times. */
  reopensMin: z.number().int().positive().default(1),
  /** First reply slower than this (calendar minutes). */
  slowFirstReplyMinutes: z
    .number()
    .int()
    .positive()
    .default(8 * 60),
  /** An open ticket waiting on the company longer than this (hours since the requester last wrote). */
  waitingTooLongHours: z.number().int().positive().default(48),
  /** Repeat contact: a new ticket on the same topic within this many days. */
  repeatContactDays: z.number().int().positive().default(7),
  /** Tags that mark an escalation. */
  escalationTags: z.array(z.string()).default(['escalation', 'escalated', 'escalade']),
  /**
   * An open friction point with no activity (no new contact, update or answer on its evidence) for
   * this many days ages out of the ranked focus; it stays in the view's full friction list.
   * Resolved points never enter the focus.
   */
  staleAfterDays: z.number().int().positive().default(60),
  /** Recent window for the view's "recent" lists and rates. */
  recentDays: z.number().int().positive().default(90),
})
export type FrictionSettings = z.infer<typeof FrictionSettings>

export const TenantSettings = z.strictObject({
  friction: FrictionSettings.default(FrictionSettings.parse({})),
})
export type TenantSettings = z.infer<typeof TenantSettings>

export const DEFAULT_SETTINGS: TenantSettings = TenantSettings.parse({})
