/** Zendesk writes times as `2024-08-14T12:00:00Z` (seconds, no milliseconds). */
export function iso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

/** Survey (Guide) endpoints write milliseconds: `2024-08-14T12:00:00.000Z`. */
export function isoMs(ms: number): string {
  return new Date(Math.floor(ms)).toISOString()
}

export const MINUTE = 60_000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
