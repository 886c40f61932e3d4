import { t } from './i18n.ts'
import { dashboardHref, href } from './route.ts'

/** A tenant's pages: its connections and its CX dashboard. */
export function TenantTabs(props: { tenantId: string; current: 'connections' | 'dashboard' }) {
  const tab = (page: 'connections' | 'dashboard', to: string, label: string) => (
    <a
      href={to}
      class="cx-tab"
      data-tab={page}
      aria-current={props.current === page ? 'page' : undefined}
    >
      {label}
    </a>
  )
  return (
    <nav class="cx-tabs" aria-label={t('tabs')}>
      {tab('connections', href(props.tenantId), t('connections'))}
      {tab('dashboard', dashboardHref(props.tenantId), t('dashboard'))}
    </nav>
  )
}
