import { z } from 'zod'
import { isSessionCredentials } from '../kit/oauth-session.ts'
import type { Connector } from '../../core/sync/types.ts'
import {
  BaseUrl,
  parseStored,
  Schedule,
  StartTime,
  type StoredConnection,
} from '../kit/connection-fields.ts'
import { ZendeskAuth, ZendeskAuthInput } from './auth.ts'
import { createZendeskConnector } from './connector.ts'
import { ZendeskLimits } from './limits.ts'

/** A Zendesk subdomain (`acme` of acme.zendesk.com): a DNS label. */
export const ZENDESK_SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

const Subdomain = z
  .string()
  .regex(ZENDESK_SUBDOMAIN, 'a Zendesk subdomain: letters, digits, hyphens')

/** How an admin connects a Zendesk account: by subdomain, or any base URL with an account name. */
export const ZendeskConnectionInput = z
  .strictObject({
    source: z.literal('zendesk'),
    subdomain: Subdomain.optional(),
    baseUrl: BaseUrl.optional(),
    /** The account name in records and lookups; defaults to the subdomain. */
    account: Subdomain.optional(),
    auth: ZendeskAuthInput,
    schedule: Schedule.optional(),
    limits: ZendeskLimits.optional(),
    startTime: StartTime.optional(),
  })
  .refine((c) => c.subdomain !== undefined || c.baseUrl !== undefined, {
    message: 'give a subdomain or a baseUrl',
    path: ['subdomain'],
  })
  .refine((c) => c.subdomain !== undefined || c.baseUrl === undefined || c.account !== undefined, {
    message: 'name the account when connecting by baseUrl',
    path: ['account'],
  })
export type ZendeskConnectionInput = z.infer<typeof ZendeskConnectionInput>

/** The account name and API base URL of a new Zendesk connection. */
export function resolveZendeskAccount(input: ZendeskConnectionInput) {
  const account = (input.account ?? input.subdomain)!.toLowerCase()
  const baseUrl = (
    input.baseUrl ?? `https://${input.subdomain!.toLowerCase()}.zendesk.com`
  ).replace(/\/+$/, '')
  return { account, baseUrl }
}

/** The connector of a stored Zendesk connection: its sealed auth, plan limits and backfill start. */
export function zendeskConnectorFor(stored: StoredConnection): Connector {
  // An OAuth session comes built by the tenant (it refreshes and re-seals the stored grant).
  const auth = isSessionCredentials(stored.auth)
    ? stored.auth
    : parseStored(ZendeskAuth, stored.auth, 'Zendesk credentials', stored.id)
  const limits = ZendeskLimits.safeParse(stored.limits ?? {}).data
  return createZendeskConnector({
    account: stored.account,
    baseUrl: stored.baseUrl,
    auth,
    accountRateLimit: limits?.accountPerMinute,
    exportRateLimit: limits?.exportPerMinute,
    startTime: stored.startTime ? Math.floor(Date.parse(stored.startTime) / 1000) : undefined,
  })
}
