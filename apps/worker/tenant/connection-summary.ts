import { z } from 'zod'
import type { Connection } from '../../../core/store/index.ts'
import { HubSpotLimits, ZendeskLimits, type ConnectionSummary } from './connection-input.ts'
import type { ScheduleRow } from './scheduler.ts'

/** What the store's connection settings hold for the worker (the credentials are a separate blob). */
export const ConnectionSettings = z.object({
  authKind: z.enum(['api_token', 'oauth', 'private_app', 'oauth_grant']).catch('api_token'),
  /** Plan limits as given (`ZendeskLimits` or `HubSpotLimits` by source). */
  limits: z.union([ZendeskLimits, HubSpotLimits]).optional().catch(undefined),
  /** Zendesk backfill start, ISO instant. */
  startTime: z.iso.datetime().optional().catch(undefined),
})
export type ConnectionSettings = z.infer<typeof ConnectionSettings>

/** The settings of a stored connection; anything unreadable falls back to the defaults. */
export const settingsOf = (connection: Connection): ConnectionSettings =>
  ConnectionSettings.parse(connection.settings ?? {})

/** A connection as the APIs show it: everything but its credentials. */
export function toSummary(connection: Connection, schedule: ScheduleRow | null): ConnectionSummary {
  const settings = settingsOf(connection)
  return {
    id: connection.id,
    source: connection.source === 'hubspot' ? 'hubspot' : 'zendesk',
    account: connection.account,
    baseUrl: connection.baseUrl,
    auth: { kind: settings.authKind },
    schedule: { everyMinutes: schedule?.everyMinutes ?? 5 },
    ...(settings.limits ? { limits: settings.limits } : {}),
    ...(settings.startTime ? { startTime: settings.startTime } : {}),
    createdAt: connection.createdAt,
    nextRunAt: schedule ? new Date(schedule.nextRunMs).toISOString() : null,
  }
}
