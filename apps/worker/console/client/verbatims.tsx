import { sourceLabel, themeLabel } from './cx-labels.ts'
import type { VerbatimEntry, Verbatims } from './dashboard-api.ts'
import { formatScore } from './dashboard-series.ts'
import { formatDate, formatNumber, t } from './i18n.ts'
import { customerHref } from './route.ts'
import { useMorePages } from './use-more.ts'

/**
 * Detractors' and unsatisfied raters' comments: theme chips with their counts (a chip filters by
 * its theme through the URL, so the API answers `?theme=`), then the comments, each linking to
 * the customer.
 */
export function VerbatimsView(props: {
  tenantId: string
  verbatims: Verbatims
  theme: string | null
  themeHref: (theme: string | null) => string
  filterKey: string
  /** The next page from `offset`; absent when the source does not page. */
  loadMore: ((offset: number) => Promise<Verbatims>) | null
}) {
  const { themes, total } = props.verbatims
  const { items, busy, error, showMore } = useMorePages<VerbatimEntry>(
    props.verbatims.items,
    props.filterKey,
    (v) => `${v.customerId}|${v.at}|${v.kind}|${v.comment}`,
    (offset) => props.loadMore!(offset).then((page) => page.items),
  )
  return (
    <section class="cx-board" data-board="verbatims">
      <h2>{t('verbatimsTitle')}</h2>
      <nav class="cx-chips" aria-label={t('themes')}>
        <a
          href={props.themeHref(null)}
          class="cx-chip"
          aria-current={props.theme === null ? 'true' : undefined}
          data-theme=""
        >
          {t('allThemes')}
        </a>
        {themes.map((th) => (
          <a
            key={th.theme}
            href={props.themeHref(th.theme)}
            class="cx-chip"
            aria-current={props.theme === th.theme ? 'true' : undefined}
            data-theme={th.theme}
            data-count={th.count}
          >
            {themeLabel(th.theme)} <span class="cx-count">{formatNumber(th.count)}</span>
          </a>
        ))}
      </nav>
      {items.length === 0 ? (
        <p>{t('verbatimsEmpty')}</p>
      ) : (
        <>
          <ul class="cx-verbatims">
            {items.map((v, i) => (
              <li key={`${v.customerId}-${v.at}-${i}`} data-customer={v.customerId}>
                <blockquote lang={v.language ?? undefined}>{v.comment}</blockquote>
                <p class="cx-help">
                  <a href={customerHref(props.tenantId, v.customerId)} data-action="customer">
                    {v.customerName}
                  </a>{' '}
                  · {v.kind.toUpperCase()} {formatScore(v.score, v.scale)} · {formatDate(v.at)} ·{' '}
                  {sourceLabel(v.source)}
                  {v.language ? ` · ${v.language.toUpperCase()}` : ''}
                  {v.themes.length > 0 ? ` · ${v.themes.map(themeLabel).join(', ')}` : ''}
                </p>
              </li>
            ))}
          </ul>
          <p class="cx-help">
            {t('verbatimsCount', { shown: items.length, total: formatNumber(total) })}{' '}
            {props.loadMore && items.length < total && (
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
