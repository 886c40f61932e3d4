import type { RunRecord } from './api.ts'
import { durationSeconds } from './describe.ts'
import { formatDate, formatNumber, formatSeconds, t, triggerLabel } from './i18n.ts'

/** The open run as it goes: per stream records, pages, requests, progress and ETA; 429s and waits. */
export function LiveRun(props: { run: RunRecord | null; error: string | null }) {
  const { run } = props
  return (
    <section class="cx-live" aria-live="polite" data-run={run?.runId ?? ''}>
      <h3>{t('liveRun')}</h3>
      {props.error && <p class="cx-error">{props.error}</p>}
      {!run ? (
        <p>{t('noRun')}</p>
      ) : (
        <>
          <dl class="cx-facts">
            <dt>{t('trigger')}</dt>
            <dd data-field="trigger" data-value={run.trigger}>
              {triggerLabel(run.trigger)}
            </dd>
            <dt>{t('started')}</dt>
            <dd>{formatDate(run.startedAt)}</dd>
            <dt>{t('duration')}</dt>
            <dd>{formatSeconds(durationSeconds(run))}</dd>
            <dt>{t('requests')}</dt>
            <dd data-field="requests">{formatNumber(run.requests)}</dd>
            <dt>{t('rateLimited')}</dt>
            <dd data-field="rateLimited">{formatNumber(run.rateLimited)}</dd>
            <dt>{t('waited')}</dt>
            <dd data-field="waited">{formatSeconds(run.waitedMs / 1000)}</dd>
            <dt>{t('eta')}</dt>
            <dd data-field="eta">{formatSeconds(run.etaSeconds)}</dd>
          </dl>
          <table class="cx-table">
            <thead>
              <tr>
                <th>{t('stream')}</th>
                <th>{t('records')}</th>
                <th>{t('pages')}</th>
                <th>{t('requests')}</th>
                <th>{t('lagColumn')}</th>
                <th>{t('progress')}</th>
                <th>{t('eta')}</th>
              </tr>
            </thead>
            <tbody>
              {run.streams.map((s) => (
                <tr key={s.stream} data-stream={s.stream} data-done={String(s.done)}>
                  <td>{s.stream}</td>
                  <td data-field="records" data-value={s.records}>
                    {formatNumber(s.records)}
                  </td>
                  <td data-field="pages" data-value={s.pages}>
                    {formatNumber(s.pages)}
                  </td>
                  <td>{formatNumber(s.requests)}</td>
                  <td>{formatSeconds(s.lagSeconds)}</td>
                  <td>
                    {s.done ? (
                      t('done')
                    ) : s.progress === null ? (
                      '—'
                    ) : (
                      <progress max={1} value={s.progress}>
                        {Math.round(s.progress * 100)}%
                      </progress>
                    )}
                    {s.error && <span class="cx-error"> {s.error}</span>}
                  </td>
                  <td>{s.done ? '' : formatSeconds(s.etaSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  )
}
