import { z } from 'zod'
import { checkInstant, scaleIssue, scoreIssue } from '../../../core/model/index.ts'

/** Default scale of each kind when the sender gives none. */
export const DEFAULT_SCALES = {
  nps: { min: 0, max: 10 },
  csat: { min: 1, max: 5 },
  ces: { min: 1, max: 7 },
} as const

const Instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString())

/**
 * One survey answer from any tool, as `POST /v1/responses` takes it (JSON item or CSV row). The
 * sender's `id` is the idempotency key; `email` names the respondent, whom identity resolution joins
 * to the customer.
 */
export const ResponseInput = z
  .strictObject({
    id: z.string().trim().min(1).max(200),
    kind: z.enum(['nps', 'csat', 'ces']),
    score: z.number(),
    scale: z.strictObject({ min: z.number(), max: z.number() }).optional(),
    comment: z.string().max(10_000).nullish(),
    submittedAt: Instant,
    /** A correction needs a later `updatedAt` (default `submittedAt`): an older version never wins. */
    updatedAt: Instant.optional(),
    email: z.email(),
    ticket: z
      .strictObject({
        source: z.enum(['zendesk', 'hubspot']),
        id: z.string().trim().min(1).max(100),
        /** Zendesk subdomain or HubSpot portal id; default: the tenant's only one. */
        account: z.string().trim().min(1).max(100).optional(),
      })
      .optional(),
    survey: z
      .strictObject({
        id: z.string().trim().min(1).max(200).optional(),
        name: z.string().max(500).optional(),
        channel: z.string().max(100).optional(),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    // The model's bounds (core/model/bounds.ts), so an import accepts exactly what a sync would.
    const scale = r.scale ?? DEFAULT_SCALES[r.kind]
    const badScale = scaleIssue(r.kind, scale)
    if (badScale) ctx.addIssue({ code: 'custom', path: ['scale'], message: badScale })
    const badScore = badScale ? null : scoreIssue(r.kind, r.score, scale)
    if (badScore) ctx.addIssue({ code: 'custom', path: ['score'], message: badScore })
    checkInstant(ctx, ['submittedAt'], r.submittedAt)
    checkInstant(ctx, ['updatedAt'], r.updatedAt)
  })
export type ResponseInput = z.output<typeof ResponseInput>

/** A rejected row: 1-based position among the request's responses (the CSV header not counted). */
export interface RejectedRow {
  row: number
  field: string
  reason: string
}

/** zod issues of one row → its rejections (paths and messages only: no input value is echoed). */
export function rowErrors(row: number, error: z.ZodError): RejectedRow[] {
  return error.issues.map((issue) => ({
    row,
    field: issue.path.map(String).join('.') || '(row)',
    reason: issue.message,
  }))
}

/** CSV header → field path. Case, `_`, `.`, `-` and spaces are ignored: `submitted_at`, `submittedAt`. */
const COLUMNS: Record<string, string[]> = {
  id: ['id'],
  kind: ['kind'],
  score: ['score'],
  scalemin: ['scale', 'min'],
  scalemax: ['scale', 'max'],
  comment: ['comment'],
  submittedat: ['submittedAt'],
  updatedat: ['updatedAt'],
  email: ['email'],
  ticketsource: ['ticket', 'source'],
  ticketid: ['ticket', 'id'],
  ticketaccount: ['ticket', 'account'],
  surveyid: ['survey', 'id'],
  surveyname: ['survey', 'name'],
  surveychannel: ['survey', 'channel'],
}
const NUMERIC = new Set(['score', 'scalemin', 'scalemax'])
const REQUIRED = ['id', 'kind', 'score', 'submittedat', 'email']

const columnKey = (header: string) => header.toLowerCase().replace(/[\s_.-]/g, '')

export interface CsvRows {
  rows: unknown[]
  ignoredColumns: string[]
  missingColumns: string[]
}

/**
 * CSV records (header first) → the JSON shape of each row, for the same validation. Empty cells are
 * absent; numeric cells become numbers when they read as one (else stay text, and fail by name).
 */
export function rowsFromCsv(records: string[][]): CsvRows {
  const [header = [], ...data] = records
  const keys = header.map((h) => columnKey(h.trim()))
  const ignoredColumns = header.filter((_, i) => !COLUMNS[keys[i]!])
  const missingColumns = REQUIRED.filter((k) => !keys.includes(k))
  const rows = data.map((cells) => {
    const row: Record<string, unknown> = {}
    keys.forEach((key, i) => {
      const path = COLUMNS[key]
      const cell = cells[i]
      if (!path || cell === undefined || cell.trim() === '') return
      const value = NUMERIC.has(key) && /^\s*-?\d+(\.\d+)?\s*$/.test(cell) ? Number(cell) : cell
      let target = row
      for (const part of path.slice(0, -1)) {
        target = (target[part] ??= {}) as Record<string, unknown>
      }
      target[path[path.length - 1]!] =
        key === 'comment' ? cell : typeof value === 'string' ? value.trim() : value
    })
    return row
  })
  return { rows, ignoredColumns, missingColumns }
}
