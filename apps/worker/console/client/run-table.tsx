import type { RunRecord } from './api.ts'
import { durationSeconds } from './describe.ts'
import { formatDate, formatNumber, formatSeconds, outcomeLabel, t, triggerLabel } from './i18n.ts'

const recordsOf = (run: RunRecord): number => run.streams.reduce((n, s) => n + s.records, 0)

/** The run history, newest first. */
export function RunTable(props: { runs: RunRecord[] }) {
  return (
    <table class="cx-table" data-table="runs">
      <thead>
        <tr>
          <th>{t('started')}</th>
          <th>{t('trigger')}</th>
          <th>{t('outcome')}</th>
          <th>{t('records')}</th>
          <th>{t('requests')}</th>
          <th>{t('duration')}</th>
          <th>{t('rateLimited')}</th>
          <th>{t('waited')}</th>
        </tr>
      </thead>
      <tbody>
        {props.runs.map((run) => (
          <tr key={run.runId} data-run={run.runId} data-outcome={run.outcome}>
            <td>{formatDate(run.startedAt)}</td>
            <td>{triggerLabel(run.trigger)}</td>
            <td>
              <span class={`cx-outcome cx-outcome-${run.outcome}`}>
                {outcomeLabel(run.outcome)}
              </span>
            </td>
            <td>{formatNumber(recordsOf(run))}</td>
            <td>{formatNumber(run.requests)}</td>
            <td>{formatSeconds(durationSeconds(run))}</td>
            <td>{formatNumber(run.rateLimited)}</td>
            <td>{formatSeconds(run.waitedMs / 1000)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export { recordsOf }
