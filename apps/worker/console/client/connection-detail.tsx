import { useEffect, useRef } from 'preact/hooks'
import { api, connectionPath, type ConnectionStatus, type RunRecord } from './api.ts'
import { BackfillForm } from './backfill-form.tsx'
import { ConnectionActions } from './connection-actions.tsx'
import { lagOf, scheduleLabel, stateLabel, stateOf } from './describe.ts'
import { formatDate, t } from './i18n.ts'
import { LiveRun } from './live-run.tsx'
import { QuarantineList } from './quarantine-list.tsx'
import { RunCharts } from './run-charts.tsx'
import { RunTable } from './run-table.tsx'
import { ScheduleForm } from './schedule-form.tsx'
import { usePoll } from './use-poll.ts'

/**
 * One connection: its state and controls, the open run polled every 1.5 s while it lives, the run
 * history as charts and a table, and its quarantine.
 */
export function ConnectionDetail(props: {
  tenantId: string
  status: ConnectionStatus
  onChanged: () => void
}) {
  const { tenantId, status } = props
  const id = status.connection.id
  const path = connectionPath(tenantId, id)
  const live = status.currentRun !== null
  const current = usePoll(
    () => api<{ run: RunRecord | null }>('GET', `${path}/runs/current`).then((r) => r.run),
    live ? 1500 : 5000,
    id,
  )
  const history = usePoll(
    () => api<{ runs: RunRecord[] }>('GET', `${path}/runs?limit=50`).then((r) => r.runs),
    live ? 5000 : 15_000,
    id,
  )
  // The run that was live just ended: its final figures go into the history at once.
  const lastLiveRun = useRef<number | null>(null)
  const runId = current.data?.runId ?? null
  useEffect(() => {
    if (lastLiveRun.current !== null && runId !== lastLiveRun.current) {
      history.reload()
      props.onChanged()
    }
    lastLiveRun.current = runId
  }, [runId])

  const changed = () => {
    props.onChanged()
    current.reload()
    history.reload()
  }
  const state = stateOf(status)
  return (
    <div class="cx-detail" data-connection={id} data-state={state}>
      <h2>
        {status.connection.source} · {status.connection.account}{' '}
        <span class={`cx-state cx-state-${state}`}>{stateLabel(state)}</span>
      </h2>
      <dl class="cx-facts">
        <dt>{t('schedule')}</dt>
        <dd data-field="schedule">{scheduleLabel(status.schedule)}</dd>
        <dt>{t('nextRun')}</dt>
        <dd>{status.paused ? '—' : formatDate(status.nextRunAt)}</dd>
        <dt>{t('lastRun')}</dt>
        <dd>{formatDate(status.lastRun?.endedAt ?? null)}</dd>
        <dt>{t('lag')}</dt>
        <dd>
          {lagOf(status)
            .map((l) => `${l.stream}: ${l.lag}`)
            .join(' · ') || '—'}
        </dd>
      </dl>
      <ConnectionActions tenantId={tenantId} status={status} onChanged={changed} />
      <div class="cx-forms">
        <ScheduleForm path={path} schedule={status.schedule} onChanged={changed} />
        <BackfillForm path={path} disabled={status.paused} onChanged={changed} />
      </div>
      <LiveRun run={current.data} error={current.error} />
      <h3>{t('history')}</h3>
      {history.data?.length === 0 && <p>{t('noHistory')}</p>}
      {history.data && history.data.length > 0 && (
        <>
          <RunCharts runs={history.data} />
          <RunTable runs={history.data} />
        </>
      )}
      <QuarantineList path={path} />
    </div>
  )
}
