import type { ConnectionStatus } from './api.ts'
import { ConnectionActions } from './connection-actions.tsx'
import { lagOf, scheduleLabel, stateLabel, stateOf } from './describe.ts'
import { formatDate, outcomeLabel, t } from './i18n.ts'
import { LifecycleCell } from './lifecycle-cell.tsx'
import { href } from './route.ts'

/** A tenant's connections: schedule, state, lag per stream, last and next run, actions. */
export function ConnectionsTable(props: {
  tenantId: string
  connections: ConnectionStatus[]
  onChanged: () => void
}) {
  return (
    <table class="cx-table">
      <thead>
        <tr>
          <th>{t('source')}</th>
          <th>{t('account')}</th>
          <th>{t('lifecycle')}</th>
          <th>{t('schedule')}</th>
          <th>{t('state')}</th>
          <th>{t('lag')}</th>
          <th>{t('lastRun')}</th>
          <th>{t('nextRun')}</th>
          <th>{t('actions')}</th>
        </tr>
      </thead>
      <tbody>
        {props.connections.map((status) => {
          const { connection, lastRun } = status
          const state = stateOf(status)
          return (
            <tr key={connection.id} data-connection={connection.id} data-state={state}>
              <td>
                <a href={href(props.tenantId, connection.id)}>{connection.source}</a>
              </td>
              <td>{connection.account}</td>
              <LifecycleCell lifecycle={status.lifecycle} />
              <td data-field="schedule">{scheduleLabel(status.schedule)}</td>
              <td>
                <span class={`cx-state cx-state-${state}`}>{stateLabel(state)}</span>
              </td>
              <td>
                {lagOf(status).map((l) => (
                  <div key={l.stream}>
                    {l.stream}: {l.lag}
                  </div>
                ))}
              </td>
              <td>
                {lastRun ? (
                  <>
                    {formatDate(lastRun.endedAt ?? lastRun.startedAt)}{' '}
                    <span class={`cx-outcome cx-outcome-${lastRun.outcome}`}>
                      {outcomeLabel(lastRun.outcome)}
                    </span>
                  </>
                ) : (
                  t('never')
                )}
              </td>
              <td>{status.paused ? '—' : formatDate(status.nextRunAt)}</td>
              <td>
                <ConnectionActions
                  tenantId={props.tenantId}
                  status={status}
                  onChanged={props.onChanged}
                />
                <a href={href(props.tenantId, connection.id)} data-action="open">
                  {t('open')}
                </a>
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
