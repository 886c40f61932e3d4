import type { StoredOAuthGrant } from '../../../connectors/kit/oauth-tokens.ts'
import { DEFAULT_SCHEDULE } from './connection-input.ts'
import type { Connections } from './connections.ts'
import type { OAuthGrants } from './grants.ts'
import type { InstallationSummary, Installations } from './installations.ts'
import type { ConnectionState } from './rpc-types.ts'

/** What the install routes ask of a tenant object (one RPC, `Tenant.install`). */
export type InstallRequest =
  | {
      op: 'connect'
      source: 'zendesk' | 'hubspot'
      account: string
      baseUrl: string
      grant: StoredOAuthGrant
    }
  | { op: 'overview' }

export interface InstallResults {
  /** The account's connection now runs on the grant; `created` false: an existing one was renewed. */
  connect: { connectionId: string; created: boolean }
  overview: { connections: ConnectionState[]; installations: InstallationSummary[] }
}

export interface InstallDeps {
  tenantId: string
  connections: Connections
  grants: OAuthGrants
  installations: Installations
  nowMs: number
}

/**
 * An install's code exchange lands here: the account's connection is created on the grant (its
 * first sync due at once), or, when the tenant already has that account, its credentials are
 * replaced by the new grant and it resumes from its cursors (a reconnect after a revoke).
 */
export async function handleInstall<R extends InstallRequest>(
  deps: InstallDeps,
  request: R,
): Promise<InstallResults[R['op']]> {
  const { connections, grants } = deps
  if (request.op === 'overview') {
    const states = connections
      .list()
      .map((c) => connections.state(c.id))
      .filter((s): s is ConnectionState => s !== null)
    return {
      connections: states,
      installations: deps.installations.list(),
    } as InstallResults[R['op']]
  }
  const { source, account, baseUrl, grant } = request as Extract<InstallRequest, { op: 'connect' }>
  const existing = connections.find(source, account)
  if (existing) {
    grants.record(existing.id, grant)
    // A reconnect, or a reinstall of an uninstalled connection (its kept data syncs on).
    await connections.reinstall(deps.tenantId, existing.id, grant, deps.nowMs)
    return { connectionId: existing.id, created: false } as InstallResults[R['op']]
  }
  const connectionId = await connections.create(
    deps.tenantId,
    { source, account, baseUrl },
    grant,
    {
      settings: { authKind: 'oauth_grant' },
      everyMinutes: DEFAULT_SCHEDULE.everyMinutes,
      nowMs: deps.nowMs,
    },
  )
  grants.record(connectionId, grant)
  return { connectionId, created: true } as InstallResults[R['op']]
}
