import { useMemo } from 'preact/hooks'
import uPlot from 'uplot'
import type { RunRecord } from './api.ts'
import { durationSeconds } from './describe.ts'
import { formatTime, locale, t } from './i18n.ts'
import { recordsOf } from './run-table.tsx'
import { UPlotChart } from './uplot-chart.tsx'

const bars = uPlot.paths.bars!({ size: [0.6, 40] })

function options(title: string, left: string, right: string): Omit<uPlot.Options, 'width'> {
  return {
    title,
    height: 220,
    scales: {
      // Room either side, so the first and last bars are not cut at the edges.
      x: {
        time: true,
        range: (_u, min, max) => {
          const pad = Math.max(60, (max - min) * 0.05)
          return [min - pad, max + pad]
        },
      },
      y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
    },
    axes: [
      {
        values: (_u, splits) => {
          const fine = splits.length > 1 && splits[1]! - splits[0]! < 60
          return splits.map((s) => formatTime(s, fine))
        },
      },
      { scale: 'y', label: left },
      { scale: 'right', label: right, side: 1, grid: { show: false } },
    ],
    series: [
      { label: t('started'), value: (_u, v) => (v === null ? '—' : formatTime(v, true)) },
      { label: left, scale: 'y', fill: 'rgba(31,115,183,0.35)', stroke: '#1f73b7', paths: bars },
      { label: right, scale: 'right', stroke: '#cc3340', width: 2, points: { show: true } },
    ],
    legend: { show: true },
  }
}

/** Records and duration per run, and 429 responses and waits per run, oldest to newest. */
export function RunCharts(props: { runs: RunRecord[] }) {
  const oldestFirst = useMemo(
    () => [...props.runs].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)),
    [props.runs],
  )
  const x = oldestFirst.map((r) => Date.parse(r.startedAt) / 1000)
  const recordsData = useMemo<uPlot.AlignedData>(
    () => [x, oldestFirst.map(recordsOf), oldestFirst.map((r) => durationSeconds(r))],
    [oldestFirst],
  )
  const waitsData = useMemo<uPlot.AlignedData>(
    () => [x, oldestFirst.map((r) => r.rateLimited), oldestFirst.map((r) => r.waitedMs / 1000)],
    [oldestFirst],
  )
  const recordsOptions = useMemo(
    () => options(t('chartRecords'), t('records'), t('durationSeconds')),
    [locale],
  )
  const waitsOptions = useMemo(
    () => options(t('chartWaits'), t('rateLimited'), t('waitedSeconds')),
    [locale],
  )
  const ids = oldestFirst.map((r) => r.runId).join(',')
  return (
    <div class="cx-charts">
      <figure data-chart="records" data-runs={ids}>
        <UPlotChart options={recordsOptions} data={recordsData} />
      </figure>
      <figure data-chart="waits" data-runs={ids}>
        <UPlotChart options={waitsOptions} data={waitsData} />
      </figure>
    </div>
  )
}
