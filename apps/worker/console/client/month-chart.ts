import uPlot from 'uplot'
import { formatMonth, monthTicks, stack } from './dashboard-series.ts'
import { locale, t } from './i18n.ts'

export const bars = uPlot.paths.bars!({ size: [0.7, 56] })
const HALF_MONTH = 15 * 86_400

/** A series drawn as (stacked) bars whose legend shows its own count, not the running sum. */
export function barSeries(label: string, colour: string, raw: readonly number[]): uPlot.Series {
  return {
    label,
    scale: 'y',
    fill: colour,
    stroke: colour,
    width: 0,
    paths: bars,
    points: { show: false },
    value: (_u, _v, _si, idx) => (idx === null ? '—' : String(raw[idx] ?? '—')),
  }
}

/** Good, middling and bad answers (promoters, passives, detractors; satisfied, neutral, unsatisfied). */
const THREE_WAY_COLOURS = ['#038153', '#f5a133', '#cc3340'] as const

/**
 * Good, middling and bad answers per month as bars stacked with the bad ones at the bottom: the
 * stacked data (good, middling, bad) and their series, whose legends show each part's own count.
 */
export function threeWayBars(
  labels: readonly [string, string, string],
  parts: readonly [readonly number[], readonly number[], readonly number[]],
): { data: number[][]; series: uPlot.Series[] } {
  const [bad, middling, good] = stack([parts[2], parts[1], parts[0]])
  return {
    data: [good!, middling!, bad!],
    series: labels.map((label, i) => barSeries(label, THREE_WAY_COLOURS[i]!, parts[i]!)),
  }
}

/** A line on the right-hand scale (a score or a share), its legend formatted by `format`. */
export function rightLine(
  label: string,
  format: (v: number | null) => string,
  style: { stroke: string; dash?: number[]; pointSize: number },
): uPlot.Series {
  return {
    label,
    scale: 'right',
    stroke: style.stroke,
    width: 2,
    ...(style.dash ? { dash: style.dash } : {}),
    points: { show: true, size: style.pointSize },
    value: (_u, v) => format(v),
  }
}

/**
 * A chart with one tick per month of the data (x: the month's first second, UTC) and a left count
 * scale; `right` adds a second scale on the right (a score or a share). No title: the section's
 * heading names it.
 */
export function monthChartOptions(
  left: string,
  series: uPlot.Series[],
  right?: { label: string; range: [number, number] },
): Omit<uPlot.Options, 'width'> {
  const monthOfSecond = (s: number) => new Date(s * 1000).toISOString().slice(0, 7)
  return {
    height: 240,
    scales: {
      x: { time: true, range: (_u, min, max) => [min - HALF_MONTH, max + HALF_MONTH] },
      y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
      ...(right ? { right: { range: () => right.range } } : {}),
    },
    axes: [
      {
        splits: (u) => [...(u.data[0] as number[])],
        values: (u, splits) => monthTicks(splits.map(monthOfSecond), u.width, locale),
      },
      { scale: 'y', label: left },
      ...(right ? [{ scale: 'right', label: right.label, side: 1, grid: { show: false } }] : []),
    ],
    series: [
      {
        label: t('month'),
        value: (_u, v) => (v === null ? '—' : formatMonth(monthOfSecond(v), locale)),
      },
      ...series,
    ],
    legend: { show: true },
  }
}
