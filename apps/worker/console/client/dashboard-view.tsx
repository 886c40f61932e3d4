import { loadDashboard, loadVerbatimsPage, loadWorklistPage } from './dashboard-api.ts'
import { filterParams, parseFilter, type DashboardFilter } from './dashboard-filter.ts'
import { DashboardFilters } from './dashboard-filters.tsx'
import { FrictionBoardView } from './friction-board.tsx'
import { t } from './i18n.ts'
import { NpsBoardView } from './nps-board.tsx'
import { RatingBoardView } from './rating-board.tsx'
import { dashboardHref, rememberDashboardParams } from './route.ts'
import { TenantTabs } from './tenant-tabs.tsx'
import { usePoll } from './use-poll.ts'
import { VerbatimsView } from './verbatims.tsx'
import { Worklist } from './worklist.tsx'

/**
 * A tenant's CX dashboard: NPS, CSAT, CES and friction by month, the customers to call back first
 * and, when the API gives them, verbatims; all over the URL's tool and period (reloaded each minute).
 */
export function DashboardView(props: { tenantId: string; name: string; query: URLSearchParams }) {
  const { tenantId } = props
  const filter = parseFilter(props.query)
  const key = `${tenantId}?${filterParams(filter)}`
  rememberDashboardParams(tenantId, filterParams(filter))
  const polled = usePoll(
    () => loadDashboard(tenantId, filter, new Date()).then((d) => ({ ...d, key })),
    60_000,
    key,
  )
  const data = polled.data
  const themeHref = (theme: string | null) =>
    dashboardHref(tenantId, filterParams({ ...filter, theme } satisfies DashboardFilter))
  return (
    <div class="cx-dashboard" data-filter={filterParams(filter)} data-loaded={data?.key ?? ''}>
      <h1>{props.name}</h1>
      <TenantTabs tenantId={tenantId} current="dashboard" />
      <h2 class="cx-page-title">{t('dashboardTitle')}</h2>
      {/* Keyed by the filter: a new URL resets the form's own month fields. */}
      <DashboardFilters key={key} tenantId={tenantId} filter={filter} />
      {polled.error && <p class="cx-error">{polled.error}</p>}
      {!data && !polled.error && <p aria-live="polite">{t('loading')}</p>}
      {data && (
        <>
          <div class="cx-boards">
            <NpsBoardView board={data.nps} />
            <RatingBoardView name="csat" board={data.csat} />
            <RatingBoardView name="ces" board={data.ces} />
            <FrictionBoardView board={data.friction} />
          </div>
          <Worklist
            tenantId={tenantId}
            board={data.worklist}
            filterKey={key}
            loadMore={(offset) => loadWorklistPage(tenantId, filter, new Date(), offset)}
          />
          {data.verbatims && (
            <VerbatimsView
              tenantId={tenantId}
              verbatims={data.verbatims}
              theme={filter.theme}
              themeHref={themeHref}
              filterKey={key}
              loadMore={
                data.verbatimsPaged
                  ? (offset) => loadVerbatimsPage(tenantId, filter, new Date(), offset)
                  : null
              }
            />
          )}
        </>
      )}
    </div>
  )
}
