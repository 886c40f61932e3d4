import type { SurveyResponse, Ticket } from '../model/index.ts'
import { hasSoundScore } from '../model/bounds.ts'
import type { SqlPort } from './port.ts'
import { parseJson } from './rows.ts'

/** What the history pages: a customer's tickets, or their answers of one survey kind. */
export const HISTORY_KINDS = ['ticket', 'nps', 'csat', 'ces'] as const
export type HistoryKind = (typeof HISTORY_KINDS)[number]
type AnswerKind = Exclude<HistoryKind, 'ticket'>

export type HistoryPage =
  | { kind: 'ticket'; items: Ticket[]; nextCursor: string | null }
  | { kind: AnswerKind; items: SurveyResponse[]; nextCursor: string | null }

/**
 * Where a page ends: the last row's instant (ticket creation, answer submission: they never change)
 * and ref key. Pages go newest first by (instant, ref key), so a row comes exactly once however many
 * rows are written between pages (new ones sort before the cursor and are seen on a fresh start).
 */
type Position = [at: string, refKey: string]

export function encodeHistoryCursor(position: Position): string {
  return btoa(JSON.stringify(position)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** The cursor's position, or null when it is not one this store wrote. */
export function decodeHistoryCursor(cursor: string): Position | null {
  try {
    const value: unknown = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/')))
    return Array.isArray(value) &&
      value.length === 2 &&
      value.every((v) => typeof v === 'string' && v.length > 0 && v.length <= 300)
      ? (value as Position)
      : null
  } catch {
    return null
  }
}

const MEMBERS = `SELECT ref_key FROM customer_members WHERE customer_id = ?`

const QUERIES: Record<'ticket' | 'response', string> = {
  ticket: `SELECT ref_key, body, json_extract(body, '$.createdAt') AS at FROM records
    WHERE kind = 'ticket' AND deleted = 0 AND requester_key IN (${MEMBERS})`,
  // Answers given by the customer's people, or about their tickets (as the view counts them).
  response: `SELECT ref_key, body, json_extract(body, '$.submittedAt') AS at FROM records
    WHERE kind = 'survey_response' AND deleted = 0 AND json_extract(body, '$.kind') = ?
      AND (respondent_key IN (${MEMBERS}) OR ticket_key IN (
        SELECT ref_key FROM records WHERE kind = 'ticket' AND requester_key IN (${MEMBERS})))`,
}

/**
 * One page of a customer's history, newest first, read from the records (not the capped view).
 * `limit` rows at most; `nextCursor` null on the last page. A stored answer whose score is out of
 * bounds is skipped (as the view skips it), so a page can hold fewer than `limit` items.
 */
export function historyPage(
  sql: SqlPort,
  query: { customerId: string; kind: HistoryKind; limit: number; after: Position | null },
): HistoryPage {
  const { customerId, kind, limit, after } = query
  const base =
    kind === 'ticket'
      ? { text: QUERIES.ticket, params: [customerId] }
      : { text: QUERIES.response, params: [kind, customerId, customerId] }
  const rows = sql.all<{ ref_key: string; body: string; at: string }>(
    `SELECT ref_key, body, at FROM (${base.text})
     WHERE ? IS NULL OR (at, ref_key) < (?, ?)
     ORDER BY at DESC, ref_key DESC LIMIT ?`,
    ...base.params,
    after?.[0] ?? null,
    after?.[0] ?? null,
    after?.[1] ?? null,
    limit + 1,
  )
  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const nextCursor =
    rows.length > limit && last ? encodeHistoryCursor([last.at, last.ref_key]) : null
  const bodies = page.map((row) => parseJson<unknown>(row.body))
  return kind === 'ticket'
    ? { kind, items: bodies as Ticket[], nextCursor }
    : { kind, items: (bodies as SurveyResponse[]).filter(hasSoundScore), nextCursor }
}
