import type { SqlPort } from '../../../core/store/port.ts'

/** Vendors whose webhooks sign with a secret cxlens stores per account (HubSpot signs with the app's). */
export type WebhookPlatform = 'zendesk'

/** The additional data a sealed webhook secret is bound to: it opens nowhere else. */
export const webhookSecretContext = (
  tenantId: string,
  platform: WebhookPlatform,
  account: string,
  webhookId: string,
) => `${tenantId}/webhook/${platform}/${account}/${webhookId}`

export interface WebhookSecretRow {
  webhookId: string
  sealedSecret: string
  updatedAt: string
}

/** Stores (or replaces) the secret of one webhook of an account; `webhookId` '' is the default one. */
export function putWebhookSecret(
  sql: SqlPort,
  row: {
    platform: WebhookPlatform
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
export function listWebhookSecrets(
  sql: SqlPort,
  platform: WebhookPlatform,
  account: string,
): WebhookSecretRow[] {
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
