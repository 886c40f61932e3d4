import { z } from 'zod'
import { Customer } from './customer.ts'
import { CustomerFocus } from './focus.ts'
import { FrictionPoint } from './friction.ts'
import { Instant, Source, SourceRef } from './source-ref.ts'
import { SurveyKind, Sentiment } from './survey-response.ts'
import { TicketPriority, TicketStatus } from './ticket.ts'
import { Verbatim } from './verbatim.ts'

export const NpsCategory = z.enum(['promoter', 'passive', 'detractor'])
export type NpsCategory = z.infer<typeof NpsCategory>

export const ViewResponse = z.strictObject({
  ref: SourceRef,
  kind: SurveyKind,
  at: Instant,
  score: z.number(),
  scale: z.strictObject({ min: z.number(), max: z.number() }),
  normalised: z.number(),
  /** NPS: promoter/passive/detractor. CSAT/CES: satisfied/neutral/unsatisfied. */
  category: z.string(),
  comment: z.string().nullable(),
  sentiment: Sentiment.nullable(),
  survey: z.string().nullable(),
  ticket: SourceRef.nullable(),
})
export type ViewResponse = z.infer<typeof ViewResponse>

export const ViewTicket = z.strictObject({
  ref: SourceRef,
  subject: z.string(),
  status: TicketStatus,
  sourceStatus: z.string(),
  priority: TicketPriority.nullable(),
  channel: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
})
export type ViewTicket = z.infer<typeof ViewTicket>

/** What the sidebars render for one customer; materialised when the customer's records change. */
export const CustomerView = z.strictObject({
  customer: Customer,
  nps: z.strictObject({
    /** Oldest first; the most recent `VIEW_CAPS.responses` (the rest: the history endpoint). */
    responses: z.array(ViewResponse),
    /** Answers in all, `responses` included (optional: views stored before the cap lack it). */
    total: z.number().int().optional(),
    latest: z.strictObject({ score: z.number(), category: NpsCategory, at: Instant }).nullable(),
    /** Latest answer minus the one before it; null with fewer than two answers. */
    trend: z.number().nullable(),
  }),
  csat: z.strictObject({
    responses: z.array(ViewResponse),
    total: z.number().int().optional(),
    /** Share of satisfied answers (normalised > 0.5) among all, 0–100; null without answers. */
    satisfiedPercent: z.number().nullable(),
    recentSatisfiedPercent: z.number().nullable(),
    averageNormalised: z.number().nullable(),
  }),
  ces: z.strictObject({
    responses: z.array(ViewResponse),
    total: z.number().int().optional(),
    averageNormalised: z.number().nullable(),
  }),
  tickets: z.strictObject({
    /** Open, pending and on-hold tickets from every tool, most recently updated first. */
    open: z.array(ViewTicket),
    /** Open tickets in all, `open` included (optional: views stored before the cap lack it). */
    openTotal: z.number().int().optional(),
    /** Closed and solved tickets in the recent window, most recent first (at most 20). */
    recent: z.array(ViewTicket),
    total: z.number().int(),
  }),
  /** Open ones first, then by severity, then newest. */
  friction: z.array(FrictionPoint),
  /** Friction points shown before the cap, `friction` included (optional, as above). */
  frictionTotal: z.number().int().optional(),
  /**
   * Open friction ranked and grouped, with the customer's risk. Optional: views stored before it
   * existed lack it until their next derivation; readers fall back to `friction`.
   */
  focus: CustomerFocus.optional(),
  /** Latest comments of detractors and unsatisfied raters, newest first (at most 5), themed. */
  verbatims: z.strictObject({ items: z.array(Verbatim), total: z.number().int() }).optional(),
  freshness: z.array(
    z.strictObject({ source: Source, account: z.string(), lastSyncedAt: Instant.nullable() }),
  ),
  generatedAt: Instant,
})
export type CustomerView = z.infer<typeof CustomerView>
