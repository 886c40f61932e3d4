import type { Connector } from '../../core/sync/types.ts'
import type { ZendeskCredentials } from './auth.ts'
import { organizationsStream } from './streams/organizations.ts'
import { satisfactionRatingsStream } from './streams/satisfaction-ratings.ts'
import { EXPORT_BUCKET, type StreamOptions } from './streams/shared.ts'
import { surveyResponsesStream } from './streams/survey-responses.ts'
import { ticketsStream } from './streams/tickets.ts'
import { usersStream } from './streams/users.ts'

export interface ZendeskConfig {
  /** The subdomain (`acme` for acme.zendesk.com): names the account and builds agent deep links. */
  account: string
  /** Where API calls go: `https://{subdomain}.zendesk.com`, or a sandbox. */
  baseUrl: string
  auth: ZendeskCredentials
  /** First `start_time` of the exports and CSAT watermarks (unix s); default 0 (everything). */
  startTime?: number
  /** Items per page: exports up to 1000 (default), ratings capped at 100, survey responses at 50. */
  pageSize?: number
  /** Account requests per minute by plan: Team 200, Growth/Professional 400, Enterprise 700. */
  accountRateLimit?: number
  /** Incremental export requests per minute: 10, or 30 with the High Volume add-on. */
  exportRateLimit?: number
  /**
   * How far back the daily survey-response sweep reads (s), for late answers no ticket change
   * announced; 30 days (each response's `expires_at` says how long it takes answers).
   */
  lookbackSeconds?: number
  /** HubSpot portal id: a `hubspot_contact_id` user field then links the user to that contact. */
  hubspotAccount?: string
}

/**
 * Zendesk Support → cxlens. Fetch goes through the engine's `ctx.http` rather than node-zendesk:
 * its `exportCursor` sends a literal `cursor=undefined` first plus an unrelated `page[size]`,
 * returns one page, has no users cursor export and no survey responses, and throws on 429 instead
 * of waiting, while the engine's client owns retries, `Retry-After` and the shared rate budget.
 */
export function createZendeskConnector(config: ZendeskConfig): Connector {
  const options: StreamOptions = {
    account: config.account,
    baseUrl: config.baseUrl,
    authorization: config.auth,
    startTime: config.startTime ?? 0,
    pageSize: config.pageSize ?? 1000,
    lookbackSeconds: config.lookbackSeconds ?? 30 * 24 * 3600,
    ...(config.hubspotAccount ? { hubspotAccount: config.hubspotAccount } : {}),
  }
  return {
    source: 'zendesk',
    account: config.account,
    streams: [
      organizationsStream(options),
      usersStream(options),
      ticketsStream(options),
      satisfactionRatingsStream(options),
      surveyResponsesStream(options),
    ] as Connector['streams'],
    rateBuckets: [
      { name: 'account', limit: config.accountRateLimit ?? 700, windowMs: 60_000 },
      { name: EXPORT_BUCKET, limit: config.exportRateLimit ?? 10, windowMs: 60_000 },
    ],
  }
}
