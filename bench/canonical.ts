import { createHash } from 'node:crypto'

/** JSON with object keys sorted at every level: two equal values give one text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

export const bodyHash = (value: unknown): string =>
  createHash('sha1').update(canonicalJson(value)).digest('base64').slice(0, 16)
