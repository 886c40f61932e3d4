import { z } from 'zod'
import { PRESET_NAMES, PresetError, presetNamed } from './presets/index.ts'
import { cell, csvRecords, isObject, parseJsonBody, scoreOf } from './presets/preset.ts'

const Column = z.string().trim().min(1).max(200)

/** How dates are written in a mapped export; all read as UTC unless they carry an offset. */
export const DATE_FORMATS = ['iso', 'unix_seconds', 'unix_millis', 'mdy', 'dmy'] as const

/**
 * A feed's saved settings (`PUT /admin/tenants/:t/feeds/:feed`): either a survey tool's preset, or
 * which of the export's columns (CSV header or JSON key) hold each field, with the kind and scale
 * the export does not state.
 */
export const FeedConfig = z.union([
  z.strictObject({ preset: z.enum(PRESET_NAMES) }),
  z.strictObject({
    columns: z.strictObject({
      id: Column,
      score: Column,
      submittedAt: Column,
      email: Column,
      comment: Column.optional(),
      updatedAt: Column.optional(),
    }),
    kind: z.enum(['nps', 'csat', 'ces']),
    scale: z.strictObject({ min: z.number().int(), max: z.number().int() }).optional(),
    dateFormat: z.enum(DATE_FORMATS).default('iso'),
  }),
])
export type FeedConfig = z.output<typeof FeedConfig>
type Mapping = Extract<FeedConfig, { columns: unknown }>

function dateOf(text: string | undefined, format: Mapping['dateFormat']): unknown {
  if (text === undefined) return undefined
  if (format === 'iso') return text
  if (format === 'unix_seconds' || format === 'unix_millis') {
    if (!/^\d+(\.\d+)?$/.test(text)) return text
    return new Date(Number(text) * (format === 'unix_seconds' ? 1000 : 1)).toISOString()
  }
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text)
  if (!m) return text
  const [a, b, year, h = '0', mi = '0', s = '0'] = m.slice(1)
  const [month, day] = format === 'mdy' ? [a, b] : [b, a]
  const at = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(h),
    Number(mi),
    Number(s),
  )
  return Number.isNaN(at) ? text : new Date(at).toISOString()
}

/** One export row, read by its column names, as a `POST /v1/responses` row. */
function mappedRow(get: (column: string) => string | undefined, mapping: Mapping): unknown {
  const { columns } = mapping
  const optional = (column: string | undefined) => (column ? get(column) : undefined)
  const updatedAt = optional(columns.updatedAt)
  return {
    id: get(columns.id),
    kind: mapping.kind,
    score: scoreOf(get(columns.score)),
    ...(mapping.scale ? { scale: mapping.scale } : {}),
    comment: optional(columns.comment) ?? null,
    submittedAt: dateOf(get(columns.submittedAt), mapping.dateFormat),
    ...(updatedAt ? { updatedAt: dateOf(updatedAt, mapping.dateFormat) } : {}),
    email: get(columns.email),
  }
}

/** A body in the feed's saved format (preset or column mapping) → rows of the JSON shape. */
export function readWithConfig(config: FeedConfig, mediaType: string, body: string): unknown[] {
  if ('preset' in config) {
    const preset = presetNamed(config.preset)
    if (mediaType !== preset.mediaType) throw new PresetError(`this feed reads ${preset.mediaType}`)
    return preset.read(body)
  }
  if (mediaType === 'text/csv') {
    const [header = [], ...data] = csvRecords(body)
    const index = new Map(header.map((h, i) => [h.trim(), i]))
    const missing = Object.values(config.columns).filter((c) => !index.has(c))
    if (missing.length) throw new PresetError(`the header lacks ${missing.join(', ')}`)
    return data
      .filter((r) => r.some((c) => c.trim() !== ''))
      .map((r) => mappedRow((column) => cell(r, index.get(column) ?? -1), config))
  }
  if (mediaType === 'application/json') {
    const json = parseJsonBody(body)
    const items = Array.isArray(json) ? json : [json]
    return items.map((item) =>
      mappedRow((column) => {
        const value = isObject(item) ? item[column] : undefined
        return value === undefined || value === null || value === '' ? undefined : String(value)
      }, config),
    )
  }
  throw new PresetError('send text/csv or application/json')
}
