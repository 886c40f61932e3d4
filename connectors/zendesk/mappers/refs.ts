import type { z } from 'zod'
import { MapError } from '../../../core/sync/types.ts'
import type { SourceRef } from '../../../core/model/index.ts'

/** Zendesk object names as the vendor spells them; agent deep links live under `/agent/...`. */
const AGENT_PATH = { ticket: 'tickets', user: 'users', organization: 'organizations' } as const

export function zendeskRef(
  account: string,
  object: keyof typeof AGENT_PATH | 'satisfaction_rating' | 'survey_response',
  id: string,
): SourceRef {
  const ref: SourceRef = { source: 'zendesk', account, object, id }
  if (object in AGENT_PATH) {
    const path = AGENT_PATH[object as keyof typeof AGENT_PATH]
    ref.url = `https://${account}.zendesk.com/agent/${path}/${encodeURIComponent(id)}`
  }
  return ref
}

export function optionalRef(
  account: string,
  object: keyof typeof AGENT_PATH,
  id: string | null,
): SourceRef | null {
  return id === null ? null : zendeskRef(account, object, id)
}

/** ISO 8601 UTC with milliseconds; a date Zendesk sent that does not parse is a mapping error. */
export function toInstant(value: string, field: string): string {
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw new MapError(`${field} is not a date`)
  return new Date(ms).toISOString()
}

export function toOptionalInstant(value: string | null | undefined, field: string): string | null {
  return value == null || value === '' ? null : toInstant(value, field)
}

const parses = new WeakMap<z.ZodType, WeakMap<object, z.ZodSafeParseResult<unknown>>>()

/**
 * `schema.safeParse(raw)`, remembered per raw object: a stream that reads an item before its
 * mapper does (a survey answer's watermark and survey version) parses it once, not three times.
 * Callers treat the result as read-only.
 */
export function safeParseOnce<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): z.ZodSafeParseResult<z.output<S>> {
  if (typeof raw !== 'object' || raw === null) return schema.safeParse(raw)
  let bySchema = parses.get(schema)
  if (!bySchema) parses.set(schema, (bySchema = new WeakMap()))
  let parsed = bySchema.get(raw)
  if (!parsed) bySchema.set(raw, (parsed = schema.safeParse(raw)))
  return parsed as z.ZodSafeParseResult<z.output<S>>
}

/** Parses a raw item or throws a MapError naming the object and the failing paths (no values). */
export function parseRaw<S extends z.ZodType>(schema: S, raw: unknown, what: string): z.output<S> {
  const parsed = safeParseOnce(schema, raw)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ')
  throw new MapError(`invalid ${what}: ${issues}`)
}
