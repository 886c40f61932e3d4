import { useEffect, useState } from 'preact/hooks'

/** Where the console is: `#/<tenantId>` or `#/<tenantId>/<connectionId>`, so links can be shared. */
export interface Route {
  tenantId: string | null
  connectionId: string | null
}

const parse = (hash: string): Route => {
  const [tenantId, connectionId] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent)
  return { tenantId: tenantId || null, connectionId: connectionId || null }
}

export const href = (tenantId: string, connectionId?: string): string =>
  `#/${encodeURIComponent(tenantId)}${connectionId ? `/${encodeURIComponent(connectionId)}` : ''}`

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parse(location.hash))
    addEventListener('hashchange', onChange)
    return () => removeEventListener('hashchange', onChange)
  }, [])
  return route
}
