import createRecords from './0001_create_records.ts'
import createIdentity from './0002_create_identity.ts'
import createCustomers from './0003_create_customers.ts'
import createSync from './0004_create_sync.ts'
import createSettings from './0005_create_settings.ts'
import dropRecordsKindIndex from './0006_drop_records_kind_index.ts'
import createConnectorCache from './0007_create_connector_cache.ts'
import createAlerts from './0010_create_alerts.ts'
import createDashboards from './0011_create_dashboards.ts'
import createDashboardVerbatims from './0012_create_dashboard_verbatims.ts'
import deferBackfillDerive from './0013_defer_backfill_derive.ts'

export interface Migration {
  id: number
  name: string
  sql: string
}

/** In order; never edit an applied migration, add the next number. */
export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: '0001_create_records', sql: createRecords },
  { id: 2, name: '0002_create_identity', sql: createIdentity },
  { id: 3, name: '0003_create_customers', sql: createCustomers },
  { id: 4, name: '0004_create_sync', sql: createSync },
  { id: 5, name: '0005_create_settings', sql: createSettings },
  { id: 6, name: '0006_drop_records_kind_index', sql: dropRecordsKindIndex },
  { id: 7, name: '0007_create_connector_cache', sql: createConnectorCache },
  { id: 10, name: '0010_create_alerts', sql: createAlerts },
  { id: 11, name: '0011_create_dashboards', sql: createDashboards },
  { id: 12, name: '0012_create_dashboard_verbatims', sql: createDashboardVerbatims },
  { id: 13, name: '0013_defer_backfill_derive', sql: deferBackfillDerive },
]
