import type { SqlPort } from '../../../core/store/port.ts'

/**
 * The platform apps installed for a tenant: a Zendesk sidebar per subdomain (its `shared_secret`
 * signs the ZAF JWT) and a HubSpot app per portal (its client secret signs v3 requests). Secrets are
 * sealed blobs (`crypto.ts`); a HubSpot row without one uses the marketplace app's global secret.
 */
export type Platform = 'zendesk' | 'hubspot'

export interface InstallationRow {
  platform: Platform
  externalId: string
  /** Sealed secret (`v1.<iv>.<ciphertext>`), or null for "use the global app secret". */
  sealedSecret: string | null
  updatedAt: string
}

export interface InstallationSummary {
  platform: Platform
  /** Zendesk subdomain or HubSpot portal id. */
  externalId: string
  /** Where the HMAC key comes from: this tenant's own secret, or the deployment's app secret. */
  secret: 'tenant' | 'global'
  updatedAt: string
}

type Raw = { platform: string; external_id: string; secret: string | null; updated_ms: number }

const fromRaw = (r: Raw): InstallationRow => ({
  platform: r.platform as Platform,
  externalId: r.external_id,
  sealedSecret: r.secret,
  updatedAt: new Date(Number(r.updated_ms)).toISOString(),
})

/** The additional data a sealed installation secret is bound to: it opens nowhere else. */
export const installationContext = (tenantId: string, platform: Platform, externalId: string) =>
  `${tenantId}/installation/${platform}/${externalId}`

export function putInstallation(
  sql: SqlPort,
  row: { platform: Platform; externalId: string; sealedSecret: string | null; nowMs: number },
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

export function getInstallation(
  sql: SqlPort,
  platform: Platform,
  externalId: string,
): InstallationRow | null {
  const [row] = sql.all<Raw>(
    'SELECT * FROM worker_installations WHERE platform = ? AND external_id = ?',
    platform,
    externalId,
  )
  return row ? fromRaw(row) : null
}

export function listInstallations(sql: SqlPort): InstallationSummary[] {
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
