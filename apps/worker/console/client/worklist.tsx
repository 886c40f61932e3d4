import { sourceLabel } from './cx-labels.ts'
import type { WorklistBoard } from './dashboard-api.ts'
import { formatDate, formatNumber, t } from './i18n.ts'
import { customerHref } from './route.ts'
import { useMorePages } from './use-more.ts'
import type { MessageKey } from '../messages.ts'

type Entry = WorklistBoard['customers'][number]

/**
 * Detractors with open friction, in the API's order (at risk first, newest answer first), a page
 * at a time: "Show more" appends the next page (kept across the minute's reloads of the first).
 */
export function Worklist(props: {
  tenantId: string
  board: WorklistBoard
  /** Changes with the filter: the pages shown so far are dropped. */
  filterKey: string
  loadMore: (offset: number) => Promise<WorklistBoard>
}) {
  const { total } = props.board
  const {
    items: customers,
    busy,
    error,
    showMore,
  } = useMorePages<Entry>(
    props.board.customers,
    props.filterKey,
    (c) => c.customerId,
    (offset) => props.loadMore(offset).then((page) => page.customers),
  )
  return (
    <section class="cx-board" data-board="worklist">
      <h2>{t('worklistTitle')}</h2>
      <p class="cx-help">{t('worklistHelp')}</p>
      {customers.length === 0 ? (
        <p>{t('worklistEmpty')}</p>
      ) : (
        <>
          <table class="cx-table" data-table="worklist" data-total={total}>
            <thead>
              <tr>
                <th scope="col">{t('customer')}</th>
                <th scope="col">{t('risk')}</th>
                <th scope="col">{t('score')}</th>
                <th scope="col">{t('tool')}</th>
                <th scope="col">{t('detractorAnswer')}</th>
                <th scope="col">{t('openFriction')}</th>
              </tr>
            </thead>
            <tbody>
              {customers.map((c) => (
                <tr key={c.customerId} data-customer={c.customerId} data-risk={c.risk}>
                  <th scope="row">
                    <a href={customerHref(props.tenantId, c.customerId)} data-action="customer">
                      {c.displayName}
                    </a>
                  </th>
                  <td>
                    <span class={`cx-risk cx-risk-${c.risk}`}>
                      {t(`risk.${c.risk}` as MessageKey)}
                    </span>
                  </td>
                  <td data-field="score" data-value={c.score}>
                    {c.score}/10
                  </td>
                  <td>{sourceLabel(c.source)}</td>
                  <td data-field="at" data-value={c.latestDetractorAt}>
                    {formatDate(c.latestDetractorAt)}
                  </td>
                  <td data-field="openFriction" data-value={c.openFriction}>
                    {formatNumber(c.openFriction)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="cx-help">
            {t('worklistCount', { shown: customers.length, total: formatNumber(total) })}{' '}
            {customers.length < total && (
              <button type="button" data-action="more" disabled={busy} onClick={showMore}>
                {t('showMore')}
              </button>
            )}
          </p>
          {error && <p class="cx-error">{error}</p>}
        </>
      )}
    </section>
  )
}
