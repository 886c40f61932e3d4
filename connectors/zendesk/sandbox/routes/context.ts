import type { Context } from 'hono'
import type { Faults, FaultStream } from '../faults.ts'
import { malformedRecord } from '../faults.ts'
import type { SandboxState } from '../state.ts'

/** What every route needs: the state, the faults and the public base URL for `*_url` links. */
export interface RouteContext {
  state: SandboxState
  faults: Faults
  /** The base URL links point at: the option, else the request's own origin. */
  baseUrl(c: Context): string
}

/** Support API errors look like `{ error, description }`. [ref: "Incremental exports"] */
export function supportError(
  c: Context,
  status: 400 | 401 | 404 | 422,
  error: string,
  description: string,
) {
  return c.json({ error, description }, status)
}

/** Guide (Help Center) errors look like `{ errors: [{ code, status, title }] }`. [ref: "CSAT survey responses"] */
export function guideError(c: Context, status: 400 | 401 | 404, code: string, title: string) {
  return c.json({ errors: [{ code, status: String(status), title }] }, status)
}

/** Adds the malformed records waiting for `stream` to a page (the real records still come). */
export function withMalformed<T>(ctx: RouteContext, stream: FaultStream, items: T[]): unknown[] {
  const kinds = ctx.faults.takeMalformed(stream)
  if (kinds.length === 0) return items
  const out: unknown[] = [...items]
  for (const kind of kinds)
    out.splice(
      Math.min(1, out.length),
      0,
      malformedRecord(kind, items[0] as Record<string, unknown> | undefined),
    )
  return out
}

/** Parses an optional integer query parameter; `undefined` if absent, `null` if not an integer. */
export function intParam(value: string | undefined): number | undefined | null {
  if (value === undefined || value === '') return undefined
  return /^-?\d+$/.test(value) ? Number(value) : null
}
