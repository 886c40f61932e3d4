import { z } from 'zod'
import { Instant, SourceRef } from './source-ref.ts'

/** Unified lifecycle: `open` means waiting on the company, `pending` waiting on the customer. */
export const TicketStatus = z.enum(['open', 'pending', 'on_hold', 'solved', 'closed', 'deleted'])
export type TicketStatus = z.infer<typeof TicketStatus>

export const TicketPriority = z.enum(['urgent', 'high', 'normal', 'low'])
export type TicketPriority = z.infer<typeof TicketPriority>

export const Ticket = z.strictObject({
  ref: SourceRef,
  subject: z.string(),
  status: TicketStatus,
  /** The source's status name as shown to agents (`new`, a HubSpot pipeline stage label…). */
  sourceStatus: z.string(),
  priority: TicketPriority.nullable(),
  /** Open vocabulary: email, web, chat, phone, api, messaging, social, form, other… */
  channel: z.string(),
  requester: SourceRef.nullable(),
  organisation: SourceRef.nullable(),
  tags: z.array(z.string()),
  createdAt: Instant,
  updatedAt: Instant,
  solvedAt: Instant.nullable(),
  /** Last time the requester wrote: an open ticket has been waiting on the company since then. */
  requesterUpdatedAt: Instant.nullable(),
  /** Calendar minutes to the first public agent reply; null when not replied yet or unknown. */
  firstReplyMinutes: z.number().nonnegative().nullable(),
  fullResolutionMinutes: z.number().nonnegative().nullable(),
  reopens: z.number().int().nonnegative(),
  replies: z.number().int().nonnegative().nullable(),
})
export type Ticket = z.infer<typeof Ticket>

export const OPEN_STATUSES: readonly TicketStatus[] = ['open', 'pending', 'on_hold']
export const isOpen = (t: Pick<Ticket, 'status'>): boolean => OPEN_STATUSES.includes(t.status)
