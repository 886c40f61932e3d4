/** The dashboards' figures as chart series and table text. Pure: unit-tested. */

/** The first second (UTC) of a `YYYY-MM` month: where its bar stands on the time axis. */
export const monthSeconds = (month: string): number => Date.parse(`${month}-01T00:00:00Z`) / 1000

/**
 * Layers stacked bottom to top, as running sums: bar i of the top layer reaches the sum of every
 * layer. Drawn top layer first, each lower one over it, they read as one stacked bar.
 */
export function stack(layers: readonly (readonly number[])[]): number[][] {
  const sums: number[][] = []
  layers.forEach((layer, i) => {
    sums.push(layer.map((value, j) => value + (i > 0 ? sums[i - 1]![j]! : 0)))
  })
  return sums
}

/** Kinds over the months, most points first (ties by name), each a count per month (0 if none). */
export function kindLayers(
  months: readonly { kinds: Record<string, { points: number; open: number }> }[],
): Array<{ kind: string; points: number[]; open: number[] }> {
  const totals = new Map<string, number>()
  for (const m of months) {
    for (const [kind, v] of Object.entries(m.kinds)) {
      totals.set(kind, (totals.get(kind) ?? 0) + v.points)
    }
  }
  const kinds = [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind]) => kind)
  return kinds.map((kind) => ({
    kind,
    points: months.map((m) => m.kinds[kind]?.points ?? 0),
    open: months.map((m) => m.kinds[kind]?.open ?? 0),
  }))
}

/** `2026-11` → "Nov 2026" / "nov. 2026", read in UTC so no time zone shifts the month. */
export function formatMonth(month: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(monthSeconds(month) * 1000))
}

/** An NPS, −100 to 100: signed, one decimal at most ("+12.5", "−40", "0"). */
export function formatNps(score: number | null, locale: string): string {
  if (score === null || !Number.isFinite(score)) return '—'
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(score)
}

/** A share, 0–100, with one decimal at most: "82.5 %" / "82,5 %". */
export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(
    value / 100,
  )
}

/** A survey answer on its own scale: "3/10", "2 (1–5)" when the scale does not start at 0 or 1. */
export function formatScore(score: number, scale: { min: number; max: number }): string {
  return scale.min <= 1 ? `${score}/${scale.max}` : `${score} (${scale.min}–${scale.max})`
}

/**
 * Tick labels of a month axis `width` CSS pixels wide: "Sep" with the year on the first and on
 * each January ("Sep 2026", "Jan 2027"); every k-th month only when all would not fit.
 */
export function monthTicks(months: readonly string[], width: number, locale: string): string[] {
  const fits = Math.max(1, Math.floor(width / 64))
  const step = Math.max(1, Math.ceil(months.length / fits))
  const short = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })
  return months.map((month, i) => {
    if (i % step !== 0) return ''
    if (i === 0 || month.endsWith('-01')) return formatMonth(month, locale)
    return short.format(new Date(monthSeconds(month) * 1000))
  })
}
