import type { SqlPort } from '../../../core/store/port.ts'
import { hubspotSigningSecret, type HubSpotSignature } from '../../../connectors/hubspot/index.ts'
import { zafSignatureMatches } from '../../../connectors/zendesk/index.ts'
import { sealContext, type Sealer } from './secrets.ts'
import type { Vendor } from '../../../connectors/index.ts'

/**
 * The platform apps installed for a tenant: a Zendesk sidebar per subdomain (its `shared_secret`
 * signs the ZAF JWT) and a HubSpot app per portal (its client secret signs v3 requests). Secrets are
 * sealed blobs (`crypto.ts`); a HubSpot row without one uses the marketplace app's global secret.
 */

export interface InstallationRow {
  platform: Vendor
  externalId: string
  /** Sealed secret (`v1.<iv>.<ciphertext>`), or null for "use the global app secret". */
  sealedSecret: string | null
  updatedAt: string
}

export interface InstallationSummary {
  platform: Vendor
  /** Zendesk subdomain or HubSpot portal id. */
  externalId: string
  /** Where the HMAC key comes from: this tenant's own secret, or the deployment's app secret. */
  secret: 'tenant' | 'global'
  updatedAt: string
}

type Raw = { platform: string; external_id: string; secret: string | null; updated_ms: number }

const fromRaw = (r: Raw): InstallationRow => ({
  platform: r.platform as Vendor,
  externalId: r.external_id,
  sealedSecret: r.secret,
  updatedAt: new Date(Number(r.updated_ms)).toISOString(),
})

function putInstallation(
  sql: SqlPort,
  row: { platform: Vendor; externalId: string; sealedSecret: string | null; nowMs: number },
): void {
  sql.run(
    `INSERT INTO worker_installations (platform, external_id, secret, updated_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, external_id) DO UPDATE SET secret = excluded.secret,
       updated_ms = excluded.updated_ms`,
    row.platform,
    row.externalId,
    row.sealedSecret,
    row.nowMs,
  )
}

function getInstallation(
  sql: SqlPort,
  platform: Vendor,
  externalId: string,
): InstallationRow | null {
  const [row] = sql.all<Raw>(
    'SELECT * FROM worker_installations WHERE platform = ? AND external_id = ?',
    platform,
    externalId,
  )
  return row ? fromRaw(row) : null
}

function listInstallations(sql: SqlPort): InstallationSummary[] {
  return sql
    .all<Raw>('SELECT * FROM worker_installations ORDER BY platform, external_id')
    .map(fromRaw)
    .map(toInstallationSummary)
}

export const toInstallationSummary = (row: InstallationRow): InstallationSummary => ({
  platform: row.platform,
  externalId: row.externalId,
  secret: row.sealedSecret === null ? 'global' : 'tenant',
  updatedAt: row.updatedAt,
})

/** A tenant's platform app installations (`worker_installations`), their secrets sealed. */
/** A signed request an installation's key should have made. */
export type InstallationSignature =
  | { platform: 'zendesk'; externalId: string; token: string }
  | {
      platform: 'hubspot'
      externalId: string
      signature: HubSpotSignature
      request: { method: string; url: string; body: Uint8Array<ArrayBuffer> }
    }

export class Installations {
  private readonly sql: SqlPort
  private readonly sealer: Sealer

  constructor(sql: SqlPort, sealer: Sealer) {
    this.sql = sql
    this.sealer = sealer
  }

  /**
   * Registers (or replaces) an installation. `secret` null: the deployment's global app secret
   * signs for it (HubSpot marketplace app). The secret is sealed to this installation.
   */
  async put(
    tenantId: string,
    platform: Vendor,
    externalId: string,
    secret: string | null,
    nowMs: number,
  ): Promise<InstallationSummary> {
    const context = sealContext.installation(tenantId, platform, externalId)
    const sealedSecret = secret === null ? null : await this.sealer.seal(secret, context)
    putInstallation(this.sql, { platform, externalId, sealedSecret, nowMs })
    return toInstallationSummary(getInstallation(this.sql, platform, externalId)!)
  }

  list(): InstallationSummary[] {
    return listInstallations(this.sql)
  }

  /** The app was uninstalled: its sealed secret goes (tenant/lifecycle.ts). */
  remove(platform: Vendor, externalId: string): void {
    this.sql.run(
      'DELETE FROM worker_installations WHERE platform = ? AND external_id = ?',
      platform,
      externalId,
    )
  }

  has(platform: Vendor, externalId: string): boolean {
    return getInstallation(this.sql, platform, externalId) !== null
  }

  /**
   * Whether the installation's key signed a sidebar JWT (Zendesk) or a card request (HubSpot v3):
   * its own secret, or `globalSecret` (the deployment's app secret) for an installation without one;
   * false when there is no such installation or key. The secret is opened here and goes nowhere else.
   */
  async verifySignature(
    tenantId: string,
    signed: InstallationSignature,
    globalSecret: string | undefined,
  ): Promise<boolean> {
    const found = await this.secret(tenantId, signed.platform, signed.externalId)
    const key = found === 'global' ? globalSecret : found?.secret
    if (!key) return false
    if (signed.platform === 'zendesk') return zafSignatureMatches(signed.token, key)
    return (await hubspotSigningSecret(signed.signature, signed.request, [key])) !== null
  }

  /**
   * The HMAC key of an installation: its own secret opened, `global` when it uses the deployment's
   * app secret, or null when this tenant has no such installation. For this object's own checks.
   */
  async secret(
    tenantId: string,
    platform: Vendor,
    externalId: string,
  ): Promise<{ secret: string } | 'global' | null> {
    const row = getInstallation(this.sql, platform, externalId)
    if (!row) return null
    if (row.sealedSecret === null) return 'global'
    const context = sealContext.installation(tenantId, platform, externalId)
    return { secret: await this.sealer.open(row.sealedSecret, context) }
  }
}
