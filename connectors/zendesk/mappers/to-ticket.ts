import type { TicketPriority, TicketStatus, UnifiedRecord } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import { ZendeskTicket, ZendeskTicketMetricSet } from '../types.ts'
import { optionalRef, parseRaw, toInstant, toOptionalInstant, zendeskRef } from './refs.ts'

/** A ticket from the incremental export with its side-loaded metric set (null when none came). */
export interface TicketWithMetrics {
  ticket: unknown
  metricSet: unknown
}

// `deleted` is not in the OpenAPI enum but the export returns it for deleted tickets.
const STATUSES: Record<string, TicketStatus> = {
  new: 'open',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
  deleted: 'deleted',
}

const PRIORITIES: readonly string[] = ['urgent', 'high', 'normal', 'low']

/** Zendesk `via.channel` names → the open cxlens vocabulary (unknown names pass through). */
const CHANNELS: Record<string, string> = {
  voice: 'phone',
  native_messaging: 'messaging',
  any_channel: 'messaging',
  twitter: 'social',
  facebook: 'social',
  instagram_dm: 'social',
  mobile_sdk: 'messaging',
}

/** A Zendesk ticket (+ metrics) → a cxlens ticket. */
export function toTicket(item: TicketWithMetrics, account: string): UnifiedRecord[] {
  const ticket = parseRaw(ZendeskTicket, item.ticket, 'ticket')
  const metrics =
    item.metricSet == null ? null : parseRaw(ZendeskTicketMetricSet, item.metricSet, 'metric_set')
  const status = STATUSES[ticket.status]
  if (!status) throw new MapError(`unknown ticket status "${ticket.status.slice(0, 20)}"`)
  const solved = status === 'solved' || status === 'closed'
  const replies = metrics?.replies ?? null
  return [
    {
      kind: 'ticket',
      record: {
        ref: zendeskRef(account, 'ticket', ticket.id),
        subject: ticket.subject ?? ticket.raw_subject ?? '',
        status,
        sourceStatus: ticket.status,
        priority: PRIORITIES.includes(ticket.priority ?? '')
          ? (ticket.priority as TicketPriority)
          : null,
        channel: channelOf(ticket.via?.channel),
        requester: optionalRef(account, 'user', ticket.requester_id),
        organisation: optionalRef(account, 'organization', ticket.organization_id),
        tags: ticket.tags ?? [],
        createdAt: toInstant(ticket.created_at, 'created_at'),
        updatedAt: toInstant(ticket.updated_at, 'updated_at'),
        solvedAt: toOptionalInstant(metrics?.solved_at, 'metric_set.solved_at'),
        requesterUpdatedAt: toOptionalInstant(
          metrics?.requester_updated_at,
          'metric_set.requester_updated_at',
        ),
        // Zendesk reports 0 minutes before the first reply: no reply yet means unknown, not instant.
        firstReplyMinutes: replies === 0 ? null : minutes(metrics?.reply_time_in_minutes?.calendar),
        fullResolutionMinutes: solved
          ? minutes(metrics?.full_resolution_time_in_minutes?.calendar)
          : null,
        reopens: Math.max(0, Math.trunc(metrics?.reopens ?? 0)),
        replies: replies === null ? null : Math.max(0, Math.trunc(replies)),
      },
    },
  ]
}

function minutes(value: number | null | undefined): number | null {
  return value == null || value < 0 ? null : value
}

function channelOf(channel: string | number | null | undefined): string {
  if (channel == null || channel === '') return 'other'
  const name = String(channel)
  return CHANNELS[name] ?? name
}
