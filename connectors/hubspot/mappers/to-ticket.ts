import type { TicketPriority, TicketStatus, UnifiedRecord } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import type { HubSpotItem, StageInfo } from '../types.ts'
import {
  type MapContext,
  firstRef,
  hubspotRef,
  splitMulti,
  text,
  toInstant,
  toOptionalInstant,
  versionTime,
} from './refs.ts'

const PRIORITIES: Record<string, TicketPriority> = {
  LOW: 'low',
  MEDIUM: 'normal',
  HIGH: 'high',
  URGENT: 'urgent',
}

/** `source_type` values (docs: ticket default properties) → cxlens channel words. */
const CHANNELS: Record<string, string> = {
  EMAIL: 'email',
  CHAT: 'chat',
  FORM: 'form',
  PHONE: 'phone',
  API: 'api',
}

/**
 * Closed stages are `closed`. Open stages have no finer HubSpot state, so a stage whose label
 * says the team waits on the customer (or paused) is `pending` (`on_hold`); others are `open`.
 */
export function statusOf(stage: StageInfo): TicketStatus {
  if (stage.closed) return 'closed'
  const label = stage.label.toLowerCase()
  if (/waiting on (the )?(contact|customer)|attente (du|de la) client/.test(label)) return 'pending'
  if (/on hold|paused|en pause|suspendu/.test(label)) return 'on_hold'
  return 'open'
}

const minutes = (ms: string | null | undefined): number | null => {
  const value = Number(ms)
  return ms == null || ms === '' || !Number.isFinite(value) || value < 0 ? null : value / 60_000
}

export function toTicketRecords(item: HubSpotItem, ctx: MapContext): UnifiedRecord[] {
  const { object, stage } = item
  const p = object.properties
  const deleted = object.archived === true
  if (!deleted && !stage) {
    throw new MapError(
      `ticket ${object.id}: stage ${p.hs_pipeline_stage ?? '(none)'} not in pipelines`,
    )
  }
  const status: TicketStatus = deleted ? 'deleted' : statusOf(stage!)
  const closedAt = toOptionalInstant(p.closed_date, 'closed_date')
  return [
    {
      kind: 'ticket',
      record: {
        ref: hubspotRef(ctx, 'ticket', object.id),
        subject: text(p.subject) ?? '',
        status,
        sourceStatus: stage?.label ?? p.hs_pipeline_stage ?? '',
        priority: PRIORITIES[(p.hs_ticket_priority ?? '').toUpperCase()] ?? null,
        channel:
          CHANNELS[(p.source_type ?? '').toUpperCase()] ??
          text(p.source_type)?.toLowerCase() ??
          'other',
        requester: firstRef(ctx, 'contact', item.associations.contacts),
        organisation: firstRef(ctx, 'company', item.associations.companies),
        tags: splitMulti(p.hs_ticket_category).map((c) => c.toLowerCase()),
        createdAt: toInstant(p.createdate ?? object.createdAt, 'createdate'),
        updatedAt: versionTime(object, p.hs_lastmodifieddate, 'hs_lastmodifieddate'),
        solvedAt: status === 'closed' ? closedAt : null,
        requesterUpdatedAt: null,
        firstReplyMinutes: minutes(p.time_to_first_agent_reply),
        fullResolutionMinutes: status === 'closed' ? minutes(p.time_to_close) : null,
        reopens: 0,
        replies: null,
      },
    },
  ]
}
