import { checkTimestampAge, CredentialError, type SignedRequest } from '../kit/credential-error.ts'
import { concatBytes, firstSigningSecret, utf8, verifyHmacBase64 } from '../kit/hmac.ts'

/** Oldest accepted signature timestamp (Zendesk documents none: 5 minutes here) and clock skew. */
export const ZENDESK_WEBHOOK_WINDOW = { maxAgeMs: 5 * 60_000, maxFutureSkewMs: 60_000 }

/**
 * Zendesk webhook signatures: base64(HMAC-SHA256(signing secret, timestamp + raw body)) in
 * `X-Zendesk-Webhook-Signature`, the timestamp in `X-Zendesk-Webhook-Signature-Timestamp`
 * (ISO 8601), compared in constant time; a timestamp outside the window is a replay. Each webhook
 * of the account has its own secret (a trigger one, an event one): any may sign. Throws a
 * CredentialError. [ref: Zendesk "Verifying webhook authenticity"]
 */
export async function verifyZendeskWebhook(
  request: Pick<SignedRequest, 'body' | 'header'>,
  secrets: readonly string[],
  nowMs: number,
  window = ZENDESK_WEBHOOK_WINDOW,
): Promise<void> {
  const signature = request.header('x-zendesk-webhook-signature')
  const timestamp = request.header('x-zendesk-webhook-signature-timestamp')
  if (!signature || !timestamp) {
    throw new CredentialError('Missing X-Zendesk-Webhook-Signature or its timestamp header')
  }
  const at = Date.parse(timestamp)
  if (Number.isNaN(at)) {
    throw new CredentialError('Malformed X-Zendesk-Webhook-Signature-Timestamp')
  }
  checkTimestampAge(nowMs - at, window, 'X-Zendesk-Webhook-Signature-Timestamp')
  const message = concatBytes(utf8(timestamp), request.body)
  const secret = await firstSigningSecret(secrets, (s) => verifyHmacBase64(s, message, signature))
  if (secret === null) throw new CredentialError('Zendesk webhook signature does not match')
}
