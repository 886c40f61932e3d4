import { markNeedsReconnect as markConnectionNeedsReconnect } from './lifecycle-state.ts'
import type { Connection, SqlPort } from '../../../core/store/index.ts'
import type { ConnectionAuth } from '../../../connectors/index.ts'
import { hubspotOAuth, streamsForScopes } from '../../../connectors/hubspot/index.ts'
import {
  createOAuthSession,
  type OAuthSession,
  type SessionCredentials,
} from '../../../connectors/kit/oauth-session.ts'
import {
  OAuthError,
  type OAuthTokens,
  type StoredOAuthGrant,
} from '../../../connectors/kit/oauth-tokens.ts'
import { zendeskOAuth } from '../../../connectors/zendesk/index.ts'
import { log } from '../log.ts'
import { liveTransport, type OAuthApps } from '../oauth-config.ts'
import type { GrantState } from './rpc-types.ts'

/** What a slice runs with: stored credentials, or an install's grant as a live session. */
export type ConnectionCredentials = ConnectionAuth | SessionCredentials

export interface OAuthGrantsDeps {
  sql: SqlPort
  apps: OAuthApps
  /** Re-seals a connection's credentials (Connections.replaceAuth). */
  replaceAuth(tenantId: string, connectionId: string, auth: ConnectionAuth): Promise<void>
  now?: () => number
}

interface GrantRow extends Record<string, SqlStorageValue> {
  connection_id: string
  status: 'active' | 'needs_reconnect'
  scopes: string
  expires_ms: number | null
  error: string | null
  installed_ms: number
  updated_ms: number
}

/**
 * Installs' OAuth grants (table `oauth_grants`, migration 0004): one session per connection for the
 * life of the tenant object, so refreshes are single-flight per account; every refreshed pair is
 * re-sealed into the connection before it is used (Zendesk has already killed the old refresh
 * token). A dead grant marks the connection `needs_reconnect` for the connect page and the state.
 */
export class OAuthGrants {
  private readonly sessions = new Map<string, OAuthSession>()
  private readonly deps: OAuthGrantsDeps

  constructor(deps: OAuthGrantsDeps) {
    this.deps = deps
  }

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }

  /** A new or renewed install's grant: active again; the next slice builds a fresh session. */
  record(connectionId: string, grant: StoredOAuthGrant): void {
    const now = this.now()
    this.deps.sql.run(
      `INSERT INTO oauth_grants (connection_id, status, scopes, expires_ms, error, installed_ms, updated_ms)
       VALUES (?, 'active', ?, ?, NULL, ?, ?)
       ON CONFLICT (connection_id) DO UPDATE SET status = 'active', scopes = excluded.scopes,
         expires_ms = excluded.expires_ms, error = NULL, installed_ms = excluded.installed_ms,
         updated_ms = excluded.updated_ms`,
      connectionId,
      JSON.stringify(grant.scopes),
      grant.expiresAt,
      now,
      now,
    )
    this.sessions.delete(connectionId)
  }

  /** The connection's session, made once from its stored grant. */
  credentialsFor(
    tenantId: string,
    connection: Connection,
    grant: StoredOAuthGrant,
  ): SessionCredentials {
    let session = this.sessions.get(connection.id)
    if (!session) {
      const tokenId = grant.tokenId
      session = createOAuthSession({
        tokens: {
          accessToken: grant.accessToken,
          refreshToken: grant.refreshToken,
          expiresAt: grant.expiresAt,
          scopes: grant.scopes,
        },
        refresh: this.refresher(connection),
        persistTokens: async (tokens: OAuthTokens) => {
          const stored: StoredOAuthGrant = {
            kind: 'oauth_grant',
            ...tokens,
            ...(tokenId !== undefined ? { tokenId } : {}),
          }
          await this.deps.replaceAuth(tenantId, connection.id, stored)
          this.deps.sql.run(
            `UPDATE oauth_grants SET scopes = ?, expires_ms = ?, updated_ms = ? WHERE connection_id = ?`,
            JSON.stringify(tokens.scopes),
            tokens.expiresAt,
            this.now(),
            connection.id,
          )
        },
        onInvalidGrant: (error) => this.markNeedsReconnect(tenantId, connection.id, error),
        now: () => this.now(),
      })
      this.sessions.set(connection.id, session)
    }
    return { kind: 'oauth', session }
  }

  /** The grant's state for the connection state and the connect page; null: not an install. */
  state(connectionId: string, source: string): GrantState | null {
    const row = this.deps.sql.all<GrantRow>(
      'SELECT * FROM oauth_grants WHERE connection_id = ?',
      connectionId,
    )[0]
    if (!row) return null
    const scopes = JSON.parse(row.scopes) as string[]
    const needsReconnect = row.status === 'needs_reconnect'
    return {
      status: row.status,
      scopes,
      expiresAt: row.expires_ms === null ? null : new Date(row.expires_ms).toISOString(),
      error: row.error,
      action: needsReconnect
        ? `The ${source === 'hubspot' ? 'HubSpot' : 'Zendesk'} authorization was revoked or expired: install the app again from /connect (${source}) to resume syncing.`
        : null,
      skippedStreams: source === 'hubspot' ? streamsForScopes(scopes).skipped : [],
      installedAt: new Date(row.installed_ms).toISOString(),
    }
  }

  /** The connection is gone: its session and grant state too. */
  forget(connectionId: string): void {
    this.sessions.delete(connectionId)
    this.deps.sql.run('DELETE FROM oauth_grants WHERE connection_id = ?', connectionId)
  }

  private markNeedsReconnect(tenantId: string, connectionId: string, error: OAuthError): void {
    this.deps.sql.run(
      `UPDATE oauth_grants SET status = 'needs_reconnect', error = ?, updated_ms = ? WHERE connection_id = ?`,
      error.message.slice(0, 500),
      this.now(),
      connectionId,
    )
    // The connection's own state too (lifecycle-state.ts): one `needs_reconnect` everywhere.
    markConnectionNeedsReconnect(this.deps.sql, connectionId, reconnectReason(error), this.now())
    log('warn', 'oauth_needs_reconnect', { tenantId, connectionId, message: error.code })
  }

  /** The vendor refresh of one connection, through the deployment's OAuth app. */
  private refresher(connection: Connection): (current: OAuthTokens) => Promise<OAuthTokens> {
    const { zendesk, hubspot } = this.deps.apps
    const unconfigured = (vendor: string) => () =>
      Promise.reject(
        new OAuthError('invalid_client', `${vendor} refresh`, null, 'OAuth app not configured'),
      )
    if (connection.source === 'zendesk') {
      if (!zendesk) return unconfigured('zendesk')
      // The account's own host answers its OAuth too (docs: "Using OAuth authentication…").
      return zendeskOAuth.zendeskRefresher({
        ...liveTransport,
        baseUrl: connection.baseUrl,
        client: zendesk.client,
      })
    }
    if (!hubspot) return unconfigured('hubspot')
    return hubspotOAuth.hubspotRefresher({
      ...liveTransport,
      apiBaseUrl: hubspot.apiBaseUrl,
      client: hubspot.client,
    })
  }
}

/** What the connection state says when the vendor refuses the grant: the fix, no vendor text. */
const reconnectReason = (error: OAuthError) =>
  `The vendor refused this connection's authorization (${error.code}): install the app again ` +
  'from /connect to reconnect it.'
