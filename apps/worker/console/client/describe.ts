import type { ConnectionStatus, RunRecord } from './api.ts'
import { formatSeconds, t } from './i18n.ts'

export type ConnectionState = 'running' | 'paused' | 'failed' | 'idle'

export function stateOf(status: ConnectionStatus): ConnectionState {
  if (status.paused) return 'paused'
  if (status.currentRun) return 'running'
  if (status.lastRun?.outcome === 'failed') return 'failed'
  return 'idle'
}

export const stateLabel = (state: ConnectionState): string =>
  t(state === 'failed' ? 'failedState' : state)

export function scheduleLabel(schedule: ConnectionStatus['schedule']): string {
  return 'cron' in schedule
    ? t('cronShort', { expr: schedule.cron })
    : t('every', { n: schedule.everyMinutes })
}

/** Each stream's lag as the open run (else the last one) last saw it. */
export function lagOf(status: ConnectionStatus): Array<{ stream: string; lag: string }> {
  const run = status.currentRun ?? status.lastRun
  return (run?.streams ?? [])
    .filter((s) => s.lagSeconds !== null)
    .map((s) => ({ stream: s.stream, lag: formatSeconds(s.lagSeconds) }))
}

export function durationSeconds(run: RunRecord, nowMs = Date.now()): number {
  const end = run.endedAt ? Date.parse(run.endedAt) : nowMs
  return Math.max(0, (end - Date.parse(run.startedAt)) / 1000)
}
