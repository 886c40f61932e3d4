import { parseCsv } from '../csv.ts'

/**
 * A survey tool's export or push format, read into `POST /v1/responses` rows (the `ResponseInput`
 * shape, validated after as any row). A row the preset cannot read fully lacks the field, so the
 * validation names what is missing.
 */
export interface SurveyPreset {
  name: string
  /** The tool's page documenting the format. */
  docs: string
  mediaType: 'text/csv' | 'application/json'
  read(body: string): unknown[]
}

/** A body a preset refuses as a whole (wrong layout): the route answers 400 with the message. */
export class PresetError extends Error {}

export function csvRecords(body: string): string[][] {
  return parseCsv(body)
}

export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    throw new PresetError('the body is not JSON')
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The cell as trimmed text, or undefined when empty. */
export const cell = (row: readonly string[], index: number): string | undefined => {
  const value = index < 0 ? undefined : row[index]?.trim()
  return value ? value : undefined
}

/** A whole number written alone (or leading a label, `10 - Extremely likely`), else the text. */
export function scoreOf(text: string | undefined): number | string | undefined {
  if (text === undefined) return undefined
  const match = /^(-?\d+)(?:\s*[-–:].*)?$/.exec(text)
  return match ? Number(match[1]) : text
}
