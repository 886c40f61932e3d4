// The registry: the one place that switches on the vendor. The worker reaches a vendor through
// this file or that vendor's own index.ts, never deeper.
import { z } from 'zod'
import type { Connector } from '../core/sync/types.ts'
import type { StoredConnection } from './kit/connection-fields.ts'
import type { RefreshTiming } from './kit/webhook-event.ts'
import * as hubspot from './hubspot/index.ts'
import * as zendesk from './zendesk/index.ts'
import { OAuthError } from './kit/oauth-tokens.ts'

export { CredentialError, type SignedRequest } from './kit/credential-error.ts'
export { constantTimeEqual } from './kit/hmac.ts'
export {
  DEFAULT_SCHEDULE,
  Schedule,
  StartTime,
  type StoredConnection,
} from './kit/connection-fields.ts'
export {
  instantOf,
  type RefreshTiming,
  type WebhookEvent,
  type WebhookRecord,
} from './kit/webhook-event.ts'

/** Which record a vendor id from a sidebar or card names, and how the store finds its customer. */
export interface LookupRef {
  object: string
  by: 'person' | 'ticket'
}

/** What each vendor brings; the worker only ever uses a vendor through these parts. */
interface VendorParts {
  /** Credentials as sealed in a connection (zod). */
  auth: z.ZodType
  /** Plan limits an admin may give (zod). */
  limits: z.ZodType
  /** A new connection as an admin posts it, `source` included (zod). */
  connectionInput: z.ZodType
  connectorFor: (stored: StoredConnection) => Connector
  lookupRefs: Record<string, LookupRef>
  /** How soon after one of its webhook events a refresh sees the change. */
  refreshTiming: RefreshTiming
}

export const VENDORS = {
  zendesk: {
    auth: zendesk.ZendeskAuth,
    limits: zendesk.ZendeskLimits,
    connectionInput: zendesk.ZendeskConnectionInput,
    connectorFor: zendesk.zendeskConnectorFor,
    lookupRefs: zendesk.ZENDESK_LOOKUP_REFS,
    refreshTiming: zendesk.ZENDESK_REFRESH_TIMING,
  },
  hubspot: {
    auth: hubspot.HubSpotAuth,
    limits: hubspot.HubSpotLimits,
    connectionInput: hubspot.HubSpotConnectionInput,
    connectorFor: hubspot.hubspotConnectorFor,
    lookupRefs: hubspot.HUBSPOT_LOOKUP_REFS,
    refreshTiming: hubspot.HUBSPOT_REFRESH_TIMING,
  },
} as const satisfies Record<string, VendorParts>

/**
 * A vendor cxlens connects to: the sources of core's records less `import` (survey files and
 * feeds). One name everywhere: connections, installations, webhooks, directory keys.
 */
export type Vendor = keyof typeof VENDORS
export const VENDOR_NAMES = Object.keys(VENDORS) as Vendor[]
export const isVendor = (source: string): source is Vendor => Object.hasOwn(VENDORS, source)

/** A new connection of any vendor, told apart by `source`. */
export const ConnectionInput = z.discriminatedUnion('source', [
  VENDORS.zendesk.connectionInput,
  VENDORS.hubspot.connectionInput,
])
export type ConnectionInput = z.infer<typeof ConnectionInput>

/** Credentials of a connection of any vendor, as sealed in its blob. */
export type ConnectionAuth = z.infer<(typeof VENDORS)[Vendor]['auth']>
export function authSchemaFor(source: string): z.ZodType<ConnectionAuth> {
  if (!isVendor(source)) throw new Error(`No vendor credentials for source ${source}`)
  return VENDORS[source].auth
}

/** Plan limits of any vendor, as a connection's settings keep them. */
export const PlanLimits = z.union([VENDORS.zendesk.limits, VENDORS.hubspot.limits])
export type PlanLimits = z.infer<typeof PlanLimits>

/** The account name and API base URL of a new connection. */
export function resolveAccount(input: ConnectionInput): { account: string; baseUrl: string } {
  switch (input.source) {
    case 'zendesk':
      return zendesk.resolveZendeskAccount(input)
    case 'hubspot':
      return hubspot.resolveHubSpotAccount(input)
  }
}

/** The connector of a stored connection; an error naming it when its source has none. */
export function connectorFor(source: string, stored: StoredConnection): Connector {
  if (!isVendor(source)) {
    throw new Error(`No connector for source ${source} (connection ${stored.id})`)
  }
  return VENDORS[source].connectorFor(stored)
}

/** How soon after a vendor event a refresh of that vendor's connection sees it. */
export const refreshTimingOf = (source: Vendor): RefreshTiming => VENDORS[source].refreshTiming

type RefsOf<S extends Vendor> = {
  [K in keyof (typeof VENDORS)[S]['lookupRefs']]: LookupRef & { source: S }
}
/** Every vendor id kind a sidebar or card may look a customer up by (`zendesk_user`, …). */
export type VendorIdKind = keyof RefsOf<'zendesk'> | keyof RefsOf<'hubspot'>

export const LOOKUP_REFS = Object.fromEntries(
  VENDOR_NAMES.flatMap((source) =>
    Object.entries(VENDORS[source].lookupRefs).map(([kind, ref]) => [kind, { ...ref, source }]),
  ),
) as Record<VendorIdKind, LookupRef & { source: Vendor }>

/** What revoking a connection's stored credentials did at the vendor. */
export type RevokeOutcome =
  /** The vendor revoked the grant (or already had: it refused the token as invalid). */
  | 'revoked'
  /** An API token or private app token: nothing cxlens can revoke; the admin deletes it. */
  | 'not_oauth'
  /** An OAuth grant, but this deployment has no client credentials to revoke it with. */
  | 'no_client'

export interface RevokeDeps {
  /** The connection's API base URL (Zendesk account URL, HubSpot API). */
  baseUrl: string
  fetch?: typeof fetch
  /** The HubSpot app's client, required by HubSpot's revoke endpoint. */
  hubspotClient?: { clientId: string; clientSecret: string } | null
}

/**
 * Revokes a connection's stored auth at its vendor when it is an OAuth grant; a no-op for API
 * tokens. Reads the grant structurally (`accessToken`, `refreshToken`, `tokenId`), so every stored
 * OAuth kind revokes through here. A token the vendor already refuses counts as revoked.
 */
export async function revokeStoredAuth(
  source: Vendor,
  auth: unknown,
  deps: RevokeDeps,
): Promise<RevokeOutcome> {
  const grant = oauthGrantOf(auth)
  if (!grant) return 'not_oauth'
  try {
    switch (source) {
      case 'zendesk':
        // Zendesk revokes by token id; the access token finds it (docs: "OAuth Tokens" › Revoke).
        if (!grant.accessToken) return 'no_client'
        await zendesk.zendeskOAuth.revoke({
          fetch: deps.fetch,
          baseUrl: deps.baseUrl,
          accessToken: grant.accessToken,
          ...(grant.tokenId !== undefined ? { tokenId: grant.tokenId } : {}),
        })
        return 'revoked'
      case 'hubspot': {
        if (!deps.hubspotClient) return 'no_client'
        // Revoking the refresh token ends the whole grant (docs: "Manage OAuth access tokens").
        const token = grant.refreshToken ?? grant.accessToken
        if (!token) return 'no_client'
        await hubspot.hubspotOAuth.revoke({
          fetch: deps.fetch,
          apiBaseUrl: deps.baseUrl,
          client: deps.hubspotClient,
          token,
          tokenTypeHint: grant.refreshToken ? 'refresh_token' : 'access_token',
        })
        return 'revoked'
      }
    }
  } catch (error) {
    if (error instanceof OAuthError && error.code === 'invalid_grant') return 'revoked'
    throw error
  }
}

interface StoredGrant {
  accessToken: string | null
  refreshToken: string | null
  tokenId?: number
}

function oauthGrantOf(auth: unknown): StoredGrant | null {
  if (!auth || typeof auth !== 'object') return null
  const fields = auth as Record<string, unknown>
  const text = (name: string) =>
    typeof fields[name] === 'string' ? (fields[name] as string) : null
  const accessToken = text('accessToken')
  const refreshToken = text('refreshToken')
  if (!accessToken && !refreshToken) return null
  const tokenId = typeof fields.tokenId === 'number' ? fields.tokenId : undefined
  return { accessToken, refreshToken, ...(tokenId !== undefined ? { tokenId } : {}) }
}
