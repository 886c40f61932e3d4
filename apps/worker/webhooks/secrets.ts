import type { SqlPort } from '../../../core/store/port.ts'

/** Vendors whose webhooks sign with a secret cxlens stores per account (HubSpot signs with the app's). */
export type WebhookPlatform = 'zendesk'

/** The additional data a sealed webhook secret is bound to: it opens nowhere else. */
export const webhookSecretContext = (
  tenantId: string,
  platform: WebhookPlatform,
  account: string,
) => `${tenantId}/webhook/${platform}/${account}`

export function putWebhookSecret(
  sql: SqlPort,
  row: { platform: WebhookPlatform; account: string; sealedSecret: string; nowMs: number },
): void {
  sql.run(
    `INSERT INTO worker_webhook_secrets (platform, account, secret, updated_ms) VALUES (?, ?, ?, ?)
     ON CONFLICT (platform, account) DO UPDATE SET secret = excluded.secret,
       updated_ms = excluded.updated_ms`,
    row.platform,
    row.account,
    row.sealedSecret,
    row.nowMs,
  )
}

export function getWebhookSecret(
  sql: SqlPort,
  platform: WebhookPlatform,
  account: string,
): { sealedSecret: string; updatedAt: string } | null {
  const [row] = sql.all<{ secret: string; updated_ms: number }>(
    'SELECT secret, updated_ms FROM worker_webhook_secrets WHERE platform = ? AND account = ?',
    platform,
    account,
  )
  return row
    ? { sealedSecret: row.secret, updatedAt: new Date(Number(row.updated_ms)).toISOString() }
    : null
}
