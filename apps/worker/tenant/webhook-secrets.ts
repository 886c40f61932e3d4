import type { SqlPort } from '../../../core/store/port.ts'
import { sealContext, type Sealer } from './secrets.ts'
import type { Vendor } from '../../../connectors/index.ts'

/** Vendors whose webhooks sign with a secret cxlens stores per account (HubSpot signs with the app's). */

interface WebhookSecretRow {
  webhookId: string
  sealedSecret: string
  updatedAt: string
}

/** Stores (or replaces) the secret of one webhook of an account; `webhookId` '' is the default one. */
function putWebhookSecret(
  sql: SqlPort,
  row: {
    platform: Vendor
    account: string
    webhookId: string
    sealedSecret: string
    nowMs: number
  },
): void {
  sql.run(
    `INSERT INTO worker_webhook_signing_secrets (platform, account, webhook_id, secret, updated_ms)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (platform, account, webhook_id) DO UPDATE SET secret = excluded.secret,
       updated_ms = excluded.updated_ms`,
    row.platform,
    row.account,
    row.webhookId,
    row.sealedSecret,
    row.nowMs,
  )
}

/** Every webhook secret of an account (a trigger webhook and an event webhook sign differently). */
function listWebhookSecrets(sql: SqlPort, platform: Vendor, account: string): WebhookSecretRow[] {
  return sql
    .all<{ webhook_id: string; secret: string; updated_ms: number }>(
      `SELECT webhook_id, secret, updated_ms FROM worker_webhook_signing_secrets
       WHERE platform = ? AND account = ? ORDER BY webhook_id`,
      platform,
      account,
    )
    .map((row) => ({
      webhookId: row.webhook_id,
      sealedSecret: row.secret,
      updatedAt: new Date(Number(row.updated_ms)).toISOString(),
    }))
}

/** The sealed signing secrets of a tenant's vendor webhooks (`worker_webhook_signing_secrets`). */
export class WebhookSecrets {
  private readonly sql: SqlPort
  private readonly sealer: Sealer

  constructor(sql: SqlPort, sealer: Sealer) {
    this.sql = sql
    this.sealer = sealer
  }

  /** Seals and stores the secret of one webhook of a vendor account (replaces its former one). */
  async put(
    tenantId: string,
    webhook: { platform: Vendor; account: string; webhookId: string },
    secret: string,
    nowMs: number,
  ) {
    const { platform, account, webhookId } = webhook
    const context = sealContext.webhook(tenantId, platform, account, webhookId)
    const sealedSecret = await this.sealer.seal(secret, context)
    putWebhookSecret(this.sql, { platform, account, webhookId, sealedSecret, nowMs })
    return { platform, account, webhookId, updatedAt: new Date(nowMs).toISOString() }
  }

  /** The opened secrets of an account's webhooks (none when no webhook was configured). */
  open(tenantId: string, platform: Vendor, account: string): Promise<string[]> {
    return Promise.all(
      listWebhookSecrets(this.sql, platform, account).map((row) =>
        this.sealer.open(
          row.sealedSecret,
          sealContext.webhook(tenantId, platform, account, row.webhookId),
        ),
      ),
    )
  }
}
