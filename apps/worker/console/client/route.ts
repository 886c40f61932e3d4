import { useEffect, useState } from 'preact/hooks'

/**
 * Where the console is, so links can be shared: `#/<tenantId>` (connections),
 * `#/<tenantId>/<connectionId>`, `#/<tenantId>/dashboard?tool=…&period=…` or
 * `#/<tenantId>/customers/<customerId>`.
 */
export interface Route {
  tenantId: string | null
  connectionId: string | null
  page: 'connections' | 'dashboard' | 'customer'
  customerId: string | null
  /** The part after `?`: the dashboard's filters. */
  query: URLSearchParams
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?')
  const [tenantId, second, third] = path.split('/').map(decodeURIComponent)
  const base = { tenantId: tenantId || null, query: new URLSearchParams(query) }
  if (second === 'dashboard') {
    return { ...base, page: 'dashboard', connectionId: null, customerId: null }
  }
  if (second === 'customers' && third) {
    return { ...base, page: 'customer', connectionId: null, customerId: third }
  }
  return { ...base, page: 'connections', connectionId: second || null, customerId: null }
}

export const href = (tenantId: string, connectionId?: string): string =>
  `#/${encodeURIComponent(tenantId)}${connectionId ? `/${encodeURIComponent(connectionId)}` : ''}`

export const dashboardHref = (tenantId: string, params = ''): string =>
  `#/${encodeURIComponent(tenantId)}/dashboard${params ? `?${params}` : ''}`

/** The filters a tenant's dashboard was last shown with, so a customer page leads back to them. */
const lastFilters = new Map<string, string>()
export const rememberDashboardParams = (tenantId: string, params: string) =>
  lastFilters.set(tenantId, params)
export const lastDashboardParams = (tenantId: string): string => lastFilters.get(tenantId) ?? ''

export const customerHref = (tenantId: string, customerId: string): string =>
  `#/${encodeURIComponent(tenantId)}/customers/${encodeURIComponent(customerId)}`

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash))
    addEventListener('hashchange', onChange)
    return () => removeEventListener('hashchange', onChange)
  }, [])
  return route
}
