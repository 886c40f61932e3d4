import type { z } from 'zod'
import type { FetchContext } from '../../../core/sync/types.ts'
import { withAuthorization, type ZendeskCredentials } from '../auth.ts'

/** What every stream needs to call one Zendesk account. */
export interface StreamOptions {
  /** The subdomain: names the account in refs and deep links. */
  account: string
  /** Where API calls go: `https://{subdomain}.zendesk.com` or a sandbox. */
  baseUrl: string
  /** A fixed `Authorization` header value, or an auth (an OAuth session refreshes per call). */
  authorization: string | ZendeskCredentials
  /** Default first `start_time` (unix s) of the exports and watermarks. */
  startTime: number
  /** Items per page for the exports (≤ 1000); the paginated lists cap it at their own maximum. */
  pageSize: number
  /** How far back the daily survey-response sweep reads (s); hints from tickets do the rest. */
  lookbackSeconds: number
  hubspotAccount?: string
}

export const EXPORT_BUCKET = 'incremental_export'

/** GET a Zendesk JSON endpoint through the engine's client and parse its envelope at the edge. */
export async function getPage<S extends z.ZodType>(
  ctx: FetchContext,
  options: StreamOptions,
  path: string,
  params: Record<string, string>,
  envelope: S,
  buckets: string[] = [],
): Promise<z.output<S>> {
  const url = new URL(path, options.baseUrl)
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value)
  const endpoint = `GET ${path}`
  const auth = options.authorization
  const get = (authorization: string) =>
    ctx.http.json(url.toString(), {
      method: 'GET',
      headers: { authorization, accept: 'application/json' },
      endpoint,
      buckets,
    })
  const body = await (typeof auth === 'string' ? get(auth) : withAuthorization(auth, get))
  const parsed = envelope.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'unknown'
    throw new Error(`${endpoint}: unexpected response shape (${where})`)
  }
  return parsed.data
}

/** Parses a stream cursor (JSON this connector wrote), or throws naming the stream. */
export function readCursor<S extends z.ZodType>(
  stream: string,
  cursor: string,
  schema: S,
): z.output<S> {
  let json: unknown
  try {
    json = JSON.parse(cursor)
  } catch {
    throw new Error(`${stream}: cursor is not JSON: ${cursor.slice(0, 80)}`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new Error(`${stream}: unrecognised cursor ${cursor.slice(0, 80)}`)
  return parsed.data
}

/** Incremental exports reject a `start_time` within the last minute ("Incremental Exports"). */
export function clampStartTime(startTime: number, nowMs: number): number {
  return Math.max(0, Math.min(Math.floor(startTime), Math.floor(nowMs / 1000) - 60))
}

/** A short id for quarantine rows, read without trusting the item's shape. */
export function idField(raw: unknown, field = 'id'): string {
  if (raw && typeof raw === 'object') {
    const value = (raw as Record<string, unknown>)[field]
    if (typeof value === 'string' || typeof value === 'number') return String(value)
  }
  return 'unknown'
}
