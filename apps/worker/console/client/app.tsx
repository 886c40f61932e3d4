import { useEffect } from 'preact/hooks'
import { api, type TenantEntry } from './api.ts'
import { t } from './i18n.ts'
import { href, useRoute } from './route.ts'
import { TenantView } from './tenant-view.tsx'
import { usePoll } from './use-poll.ts'

/** Tenants on the left; the chosen tenant's connections, or one connection, on the right. */
export function App() {
  const route = useRoute()
  const tenants = usePoll(
    () => api<{ tenants: TenantEntry[] }>('GET', '/tenants?limit=500').then((r) => r.tenants),
    30_000,
    'tenants',
  )
  const first = tenants.data?.[0]
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
          <TenantView tenantId={route.tenantId} connectionId={route.connectionId} />
        ) : (
          <p>{t('pickTenant')}</p>
        )}
      </section>
    </div>
  )
}
