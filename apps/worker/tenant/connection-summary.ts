import type { Connection } from '../../../core/store/index.ts'
import type { ConnectionSummary } from './connection-input.ts'
import type { ScheduleRow } from './schedule.ts'

/** What the store's connection settings hold for the worker (the credentials are a separate blob). */
export interface ConnectionSettings {
  authKind: ConnectionSummary['auth']['kind']
}

/** A connection as the APIs show it: everything but its credentials. */
export function toSummary(connection: Connection, schedule: ScheduleRow | null): ConnectionSummary {
  const settings = connection.settings as Partial<ConnectionSettings>
  return {
    id: connection.id,
    source: connection.source === 'hubspot' ? 'hubspot' : 'zendesk',
    account: connection.account,
    baseUrl: connection.baseUrl,
    auth: { kind: settings.authKind ?? 'api_token' },
    schedule: { everyMinutes: schedule?.everyMinutes ?? 5 },
    createdAt: connection.createdAt,
    nextRunAt: schedule ? new Date(schedule.nextRunMs).toISOString() : null,
  }
}
