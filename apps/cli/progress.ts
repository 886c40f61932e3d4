import cliProgress from 'cli-progress'
import type { RunRecord } from '../worker/tenant/runs.ts'

const eta = (s: number | null) =>
  s === null
    ? '?'
    : s >= 3600
      ? `${(s / 3600).toFixed(1)}h`
      : s >= 60
        ? `${Math.round(s / 60)}m`
        : `${s}s`

/**
 * `sync --follow`: one bar per stream (share of its backlog fetched, where the vendor's cursor tells
 * it), its records and pages, and an ETA; a top line with requests, 429s and time waited.
 */
export function progressBars(stream: NodeJS.WriteStream = process.stderr) {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      format: ' {name} |{bar}| {pct} | {records} records, {pages} pages | {info}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  )
  const bars = new Map<string, cliProgress.SingleBar>()
  let summary: cliProgress.SingleBar | null = null
  return {
    update(run: RunRecord): void {
      const head = {
        name: `run #${run.runId}`.padEnd(22),
        pct: run.outcome.padStart(9),
        records: run.streams.reduce((n, s) => n + s.records, 0),
        pages: `${run.streams.reduce((n, s) => n + s.pages, 0)}`,
        info: `${run.requests} req, ${run.rateLimited}×429, waited ${Math.round(run.waitedMs / 1000)}s, ETA ${run.outcome === 'running' ? eta(run.etaSeconds) : '0s'}`,
      }
      summary ??= multi.create(100, 0, head)
      summary.update(run.outcome === 'running' ? 0 : 100, head)
      for (const s of run.streams) {
        const value = Math.round((s.done ? 1 : (s.progress ?? 0)) * 100)
        const payload = {
          name: s.stream.padEnd(22),
          pct: s.done
            ? s.error
              ? '   failed'
              : '     done'
            : s.progress === null
              ? '        ?'
              : `${value}%`.padStart(9),
          records: s.records,
          pages: s.pages,
          info: s.done ? '' : `ETA ${eta(s.etaSeconds)}`,
        }
        const bar = bars.get(s.stream)
        if (bar) bar.update(value, payload)
        else bars.set(s.stream, multi.create(100, value, payload))
      }
    },
    stop(): void {
      multi.stop()
    },
  }
}
