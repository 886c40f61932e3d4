import type { StreamDefinition } from '../../../core/sync/types.ts'
import { toTicket, type TicketWithMetrics } from '../mappers/to-ticket.ts'
import { TicketExportEnvelope } from '../types.ts'
import { fetchExportPage } from './cursor-export.ts'
import { hintRatingChanges } from './rating-hints.ts'
import { hintSurveyChanges } from './survey-hints.ts'
import { idField, type StreamOptions } from './shared.ts'

const PATH = '/api/v2/incremental/tickets/cursor.json'

/**
 * Tickets through the cursor-based incremental export (every ticket, archived and deleted ones
 * included), with `include=metric_sets` so reply and resolution times come without a call per
 * ticket. Cursor: see `ExportCursor`. A ticket whose embedded rating changed leaves a hint for
 * the satisfaction_ratings stream (`rating-hints.ts`), one holding an open survey response one for
 * the survey_responses stream (`survey-hints.ts`).
 */
export function ticketsStream(options: StreamOptions): StreamDefinition<TicketWithMetrics> {
  return {
    name: 'tickets',
    async fetchPage(cursor, ctx) {
      // docs: https://developer.zendesk.com/api-reference/ticketing/ticket-management/incremental_exports/#incremental-ticket-export-cursor-based
      const page = await fetchExportPage(
        'tickets',
        PATH,
        TicketExportEnvelope,
        { include: 'metric_sets' },
        cursor,
        ctx,
        options,
      )
      const metricsByTicket = new Map<string, unknown>()
      for (const set of page.body.metric_sets ?? [])
        metricsByTicket.set(idField(set, 'ticket_id'), set)
      const items = page.body.tickets.map((ticket) => ({
        ticket,
        metricSet: metricsByTicket.get(idField(ticket)) ?? null,
      }))
      hintRatingChanges(page.body.tickets, ctx.cache)
      hintSurveyChanges(page.body.tickets, ctx.cache, ctx.now())
      const newest = Math.max(0, ...items.map((i) => generatedAt(i.ticket)))
      return {
        items,
        cursor: page.cursor,
        done: page.done,
        ...(page.completeUpTo !== undefined
          ? { completeUpTo: page.completeUpTo }
          : newest > 0
            ? { completeUpTo: newest * 1000 }
            : {}),
      }
    },
    map: (item) => toTicket(item, options.account),
    idOf: (item) => idField(item.ticket),
  }
}

/** Mature connectors bookmark on `generated_timestamp` (unix s), not `updated_at`. */
function generatedAt(ticket: unknown): number {
  const value = (ticket as { generated_timestamp?: unknown } | null)?.generated_timestamp
  return typeof value === 'number' ? value : 0
}
