import { z } from 'zod'

/** Any server that speaks a vendor's API: the real one, a sandbox, a recorded replay. */
export const BaseUrl = z
  .url({ protocol: /^https?$/ })
  // zod runs the refinement even after the url check failed: guard `new URL` so it cannot throw.
  .refine((u) => !URL.canParse(u) || !new URL(u).search, 'no query string')

export const Schedule = z.strictObject({
  everyMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
})
export type Schedule = z.infer<typeof Schedule>

export const DEFAULT_SCHEDULE: Schedule = { everyMinutes: 5 }

/** A plan limit given by an admin: a positive count per window, capped at `max`. */
export const perWindow = (max: number) => z.number().int().min(1).max(max).optional()

/** Backfill from this day or instant (ISO 8601); the exports start there instead of at 0. */
export const StartTime = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .refine((t) => Date.parse(t) <= Date.now(), 'not in the future')
  .transform((t) => new Date(Date.parse(t)).toISOString())

/** A connection as the tenant stored it, for its vendor to build a connector from. */
export interface StoredConnection {
  id: string
  account: string
  baseUrl: string
  /** The unsealed credentials; the vendor validates them with its own auth schema. */
  auth: unknown
  /** The plan limits given at connection time, if any; the vendor validates them. */
  limits?: unknown
  /** Backfill start (ISO instant), for vendors that have one. */
  startTime?: string
}

/** The vendor's schema parses `value`, or an error naming the connection (never the value). */
export function parseStored<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  connectionId: string,
): z.output<S> {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  throw new Error(`The stored ${what} of connection ${connectionId} does not parse`)
}
