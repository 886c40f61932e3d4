import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { AppEnv } from '../app-env.ts'
import { CsvError, parseCsv } from '../imports/csv.ts'
import { FeedConfig, readWithConfig } from '../imports/mapping.ts'
import { rowsFromCsv } from '../imports/response-input.ts'
import { validateRows } from '../imports/validate-rows.ts'
import {
  PRESET_NAMES,
  PresetError,
  presetNamed,
  type PresetName,
} from '../imports/presets/index.ts'
import { badRequest, ProblemError } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import { mediaTypeOf, readJsonBody, valid } from '../validate.ts'

export const MAX_ROWS = 1000
const MAX_BYTES = 4 * 1024 * 1024

export const FeedQuery = z.strictObject({
  /** The import account the responses belong to: one per sending tool (`typeform`, `delighted`). */
  feed: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lower-case letters, digits, - and _')
    .default('api'),
  /** The survey tool whose export the body is, as the tool wrote it (imports/presets). */
  preset: z.enum(PRESET_NAMES).optional(),
})

export const JsonBody = z.strictObject({ responses: z.array(z.unknown()).min(1).max(MAX_ROWS) })

/** A survey tool's own export, read by its preset into rows of the JSON shape. */
async function readPresetRows(c: Context<AppEnv>, name: PresetName): Promise<{ rows: unknown[] }> {
  const preset = presetNamed(name)
  if (mediaTypeOf(c.req.header('content-type')) !== preset.mediaType) {
    throw new ProblemError(415, `The ${name} preset reads ${preset.mediaType}`)
  }
  let rows: unknown[]
  try {
    rows = preset.read(await c.req.text())
  } catch (error) {
    if (error instanceof PresetError || error instanceof CsvError) {
      throw badRequest(`Not a ${name} export: ${error.message}`)
    }
    throw error
  }
  if (rows.length === 0 || rows.length > MAX_ROWS) {
    throw badRequest(`Send 1 to ${MAX_ROWS} responses (got ${rows.length})`)
  }
  return { rows }
}

type FeedLookup = { config: FeedConfig | null }

/** A body in the feed's saved format (a preset or a column mapping). */
async function readSavedRows(c: Context<AppEnv>, config: FeedConfig): Promise<{ rows: unknown[] }> {
  let rows: unknown[]
  try {
    rows = readWithConfig(
      config,
      mediaTypeOf(c.req.header('content-type')) ?? '',
      await c.req.text(),
    )
  } catch (error) {
    if (error instanceof PresetError || error instanceof CsvError) {
      throw badRequest(`Not in this feed's format: ${error.message}`)
    }
    throw error
  }
  if (rows.length === 0 || rows.length > MAX_ROWS) {
    throw badRequest(`Send 1 to ${MAX_ROWS} responses (got ${rows.length})`)
  }
  return { rows }
}

/** The request's rows in the JSON shape, whichever content type carried them. */
async function readRows(
  c: Context<AppEnv>,
): Promise<{ rows: unknown[]; ignoredColumns?: string[] }> {
  const type = mediaTypeOf(c.req.header('content-type'))
  if (type === 'application/json') {
    const parsed = JsonBody.safeParse(await readJsonBody(c))
    if (!parsed.success) {
      throw badRequest(
        `Send {"responses": [...]} with 1 to ${MAX_ROWS} responses`,
        parsed.error.issues.map((i) => ({
          field: ['body', ...i.path.map(String)].join('.'),
          message: i.message,
        })),
      )
    }
    return { rows: parsed.data.responses }
  }
  if (type === 'text/csv') {
    let records: string[][]
    try {
      records = parseCsv(await c.req.text())
    } catch (error) {
      if (error instanceof CsvError) throw badRequest(`Malformed CSV: ${error.message}`)
      throw error
    }
    const { rows, ignoredColumns, missingColumns } = rowsFromCsv(records)
    if (missingColumns.length > 0) {
      throw badRequest(
        `The CSV header lacks ${missingColumns.join(', ')}`,
        missingColumns.map((column) => ({ field: `header.${column}`, message: 'missing column' })),
      )
    }
    if (rows.length === 0 || rows.length > MAX_ROWS) {
      throw badRequest(`Send 1 to ${MAX_ROWS} rows after the header (got ${rows.length})`)
    }
    return { rows, ignoredColumns }
  }
  throw new ProblemError(415, 'Send application/json or text/csv')
}

/**
 * `POST /v1/responses`: survey answers from any tool (tenant API key). Valid rows are stored even
 * when others are rejected: `200 {accepted, written, unchanged, rejected[]}`; when no row is valid,
 * `422` problem with the same `rejected[]`. Idempotent by the sender's response id.
 */
export const responses = new Hono<AppEnv>().post(
  '/',
  bodyLimit({
    maxSize: MAX_BYTES,
    onError: () => {
      throw new ProblemError(413, `The body is larger than ${MAX_BYTES} bytes`)
    },
  }),
  valid('query', FeedQuery),
  async (c) => {
    const { tenantId } = c.get('tenant')
    const { feed, preset } = c.req.valid('query')
    // A feed with a saved format (admin `PUT .../feeds/:feed`) is read with it.
    const saved = preset
      ? null
      : ((await tenantStub(c.env, tenantId).insight({ op: 'feed.get', feed })) as FeedLookup).config
    const { rows, ignoredColumns } = preset
      ? { ...(await readPresetRows(c, preset)), ignoredColumns: undefined }
      : saved
        ? { ...(await readSavedRows(c, saved)), ignoredColumns: undefined }
        : await readRows(c)

    const { valid, rejected } = validateRows(rows)

    const result = valid.length
      ? await tenantStub(c.env, tenantId).importResponses(feed, valid)
      : { written: 0, unchanged: 0, rejected: [] }
    const allRejected = [...rejected, ...result.rejected].sort((a, b) => a.row - b.row)
    const accepted = result.written + result.unchanged
    const body = {
      feed,
      ...(preset ? { preset } : {}),
      accepted,
      written: result.written,
      unchanged: result.unchanged,
      rejected: allRejected,
      ...(ignoredColumns?.length ? { ignoredColumns } : {}),
    }
    if (accepted === 0) {
      throw new ProblemError(422, `None of the ${rows.length} responses is valid`, {
        errors: allRejected.map((r) => ({ field: `row.${r.row}.${r.field}`, message: r.reason })),
        extensions: body,
      })
    }
    return c.json(body, 200)
  },
)
