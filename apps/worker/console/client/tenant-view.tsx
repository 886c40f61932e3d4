import { useEffect, useState } from 'preact/hooks'
import { api, tenantPath, type TenantStatus } from './api.ts'
import { ConnectionDetail } from './connection-detail.tsx'
import { ConnectionsTable } from './connections-table.tsx'
import { t } from './i18n.ts'
import { href } from './route.ts'
import { TenantTabs } from './tenant-tabs.tsx'
import { usePoll } from './use-poll.ts'

/** One tenant: its connections (polled faster while one of them runs), or one of them in detail. */
export function TenantView(props: { tenantId: string; connectionId: string | null }) {
  const { tenantId, connectionId } = props
  const [live, setLive] = useState(false)
  const polled = usePoll(
    () => api<TenantStatus>('GET', `${tenantPath(tenantId)}/status`),
    live ? 1500 : 5000,
    tenantId,
  )
  const data = polled.data
  useEffect(() => setLive(data?.connections.some((c) => c.currentRun !== null) ?? false), [data])
  const selected = data?.connections.find((c) => c.connection.id === connectionId)

  return (
    <div>
      <h1>{data?.name ?? tenantId}</h1>
      <TenantTabs tenantId={tenantId} current="connections" />
      {polled.error && <p class="cx-error">{polled.error}</p>}
      {connectionId && selected ? (
        <>
          <p>
            <a href={href(tenantId)}>← {t('back')}</a>
          </p>
          <ConnectionDetail tenantId={tenantId} status={selected} onChanged={polled.reload} />
        </>
      ) : (
        <>
          <h2>{t('connections')}</h2>
          {data && data.connections.length === 0 && <p>{t('noConnections')}</p>}
          {data && data.connections.length > 0 && (
            <ConnectionsTable
              tenantId={tenantId}
              connections={data.connections}
              onChanged={polled.reload}
            />
          )}
        </>
      )}
    </div>
  )
}
