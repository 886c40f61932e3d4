import type { z } from 'zod'

/**
 * The bounds every entry (imports, vendor mappers, webhooks) holds survey answers to, so a bad value
 * is refused where it arrives instead of poisoning every later derive.
 *
 * Dates: no answer before 2000-01-01 (older than any tool cxlens syncs; catches 0001 and the 1970
 * epoch of a zero timestamp), none more than 5 minutes in the future (clock skew between a vendor and
 * us; 9999-12-31 is a placeholder, not a date).
 *
 * Scales: NPS is an integer 0–10 on the 0–10 scale, nothing else. CSAT, CES and custom scales have
 * integer ends, min < max, at most 100 points apart and within ±1,000, and a finite score on them.
 */
export const EARLIEST_INSTANT_MS = Date.UTC(2000, 0, 1)
export const MAX_CLOCK_SKEW_MS = 5 * 60_000
export const MAX_SCALE_SPAN = 100
const MAX_SCALE_END = 1000

/** Why an instant is out of bounds, or null when it is fine. */
export function instantIssue(iso: string, nowMs: number = Date.now()): string | null {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return 'is not a date'
  if (ms < EARLIEST_INSTANT_MS) return 'is before 2000-01-01'
  if (ms > nowMs + MAX_CLOCK_SKEW_MS) return 'is in the future'
  return null
}

export type ScoredKind = 'nps' | 'csat' | 'ces' | 'custom'
export interface Scale {
  min: number
  max: number
}

/** Why a scale is unusable for its kind, or null. */
export function scaleIssue(kind: ScoredKind, scale: Scale): string | null {
  const { min, max } = scale
  if (kind === 'nps') return min === 0 && max === 10 ? null : 'an NPS scale is 0–10'
  if (!Number.isInteger(min) || !Number.isInteger(max)) return 'scale ends must be integers'
  if (Math.abs(min) > MAX_SCALE_END || Math.abs(max) > MAX_SCALE_END) {
    return `scale ends must lie within ±${MAX_SCALE_END}`
  }
  if (max <= min) return 'max must be greater than min'
  if (max - min > MAX_SCALE_SPAN) return `a scale spans at most ${MAX_SCALE_SPAN} points`
  return null
}

/** Why a score is unusable on its kind's scale (the scale itself checked first), or null. */
export function scoreIssue(kind: ScoredKind, score: number, scale: Scale): string | null {
  const bad = scaleIssue(kind, scale)
  if (bad) return bad
  if (!Number.isFinite(score)) return 'must be a finite number'
  if (kind === 'nps' && !Number.isInteger(score)) return 'an NPS answer is an integer 0–10'
  if (score < scale.min || score > scale.max) {
    return `must lie on the ${kind} scale ${scale.min}–${scale.max}`
  }
  return null
}

/** A stored answer that passes the bounds: what derives and metrics may read. */
export function hasSoundScore(r: { kind: ScoredKind; score: number; scale: Scale }): boolean {
  return (
    typeof r.score === 'number' &&
    r.scale !== null &&
    typeof r.scale === 'object' &&
    scoreIssue(r.kind, r.score, r.scale) === null
  )
}

/** Adds a zod issue at `path` when an instant is out of bounds. */
export function checkInstant(
  ctx: z.RefinementCtx,
  path: (string | number)[],
  iso: string | undefined,
  nowMs: number = Date.now(),
): void {
  if (iso === undefined) return
  const issue = instantIssue(iso, nowMs)
  if (issue) ctx.addIssue({ code: 'custom', path, message: issue })
}
