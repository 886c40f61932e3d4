import { useEffect } from 'preact/hooks'
import { api, type TenantEntry } from './api.ts'
import { t } from './i18n.ts'
import { CustomerPage } from './customer-page.tsx'
import { DashboardView } from './dashboard-view.tsx'
import { href, useRoute, type Route } from './route.ts'
import { TenantView } from './tenant-view.tsx'
import { usePoll } from './use-poll.ts'

/** Tenants on the left; the chosen tenant's connections, dashboard or customer on the right. */
export function App() {
  const route = useRoute()
  const tenants = usePoll(
    () => api<{ tenants: TenantEntry[] }>('GET', '/tenants?limit=500').then((r) => r.tenants),
    30_000,
    'tenants',
  )
  const first = tenants.data?.[0]
  const tenantName = (id: string) => tenants.data?.find((x) => x.tenantId === id)?.name ?? id
  useEffect(() => {
    if (!route.tenantId && first) location.replace(href(first.tenantId))
  }, [route.tenantId, first])

  return (
    <div class="cx-layout">
      <nav class="cx-tenants" aria-label={t('tenants')}>
        <h2>{t('tenants')}</h2>
        {tenants.error && <p class="cx-error">{tenants.error}</p>}
        {tenants.data?.length === 0 && <p>{t('noTenants')}</p>}
        <ul>
          {tenants.data?.map((tenant) => (
            <li key={tenant.tenantId}>
              <a
                href={href(tenant.tenantId)}
                aria-current={tenant.tenantId === route.tenantId ? 'page' : undefined}
                data-tenant={tenant.tenantId}
              >
                {tenant.name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <section class="cx-main">
        {route.tenantId ? (
          <TenantPage route={route} name={tenantName(route.tenantId)} />
        ) : (
          <p>{t('pickTenant')}</p>
        )}
      </section>
    </div>
  )
}

/** The tenant's page the route names: connections (or one), the dashboard, or a customer. */
function TenantPage(props: { route: Route; name: string }) {
  const { route, name } = props
  const tenantId = route.tenantId!
  if (route.page === 'dashboard') {
    return <DashboardView tenantId={tenantId} name={name} query={route.query} />
  }
  if (route.page === 'customer') {
    return <CustomerPage tenantId={tenantId} name={name} customerId={route.customerId!} />
  }
  return <TenantView tenantId={tenantId} connectionId={route.connectionId} />
}
