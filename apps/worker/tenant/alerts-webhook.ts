import type { StoredAlert } from '../../../core/store/index.ts'

/** A webhook's answer: delivered, worth retrying, or refused for good. */
export type AttemptOutcome =
  | { ok: true; status: number }
  | {
      ok: false
      status: number | null
      error: string
      permanent: boolean
      /** Not an attempt that counts: the connection cannot call its vendor now (alerts-vendor-auth.ts). */
      held?: boolean
    }

const TIMEOUT_MS = 10_000

/** What a receiver gets: the alert without the store's bookkeeping, plus Slack's `text`. */
export function webhookPayload(alert: StoredAlert) {
  return {
    id: alert.id,
    rule: alert.rule,
    test: alert.reason === 'test',
    customer: { id: alert.customer.id, name: alert.customer.name, emails: alert.customer.emails },
    score: alert.score,
    scale: alert.scale,
    previousScore: alert.previousScore,
    comment: alert.comment,
    subject: alert.subject,
    occurredAt: alert.occurredAt,
    raisedAt: alert.raisedAt,
    // Slack incoming webhooks post `text` and ignore the rest (Slack docs: "Sending messages using
    // incoming webhooks").
    text: alert.text,
  }
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(message))
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/**
 * The signature a receiver checks: `sha256=` + hex HMAC-SHA256 under the signing secret of
 * `<X-Cxlens-Timestamp>.<raw body>` (the timestamp lets it refuse replays).
 */
export async function signAlert(secret: string, timestamp: number, body: string): Promise<string> {
  return `sha256=${await hmacHex(secret, `${timestamp}.${body}`)}`
}

/** One POST of an alert; redirects are not followed (a redirect could lead past the URL policy). */
export async function postAlert(
  url: string,
  secret: string,
  alert: StoredAlert,
  nowMs: number,
): Promise<AttemptOutcome> {
  const body = JSON.stringify(webhookPayload(alert))
  const timestamp = Math.floor(nowMs / 1000)
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'cxlens-alerts/1',
        'idempotency-key': alert.id,
        'x-cxlens-timestamp': String(timestamp),
        'x-cxlens-signature': await signAlert(secret, timestamp, body),
      },
      body,
    })
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error'
    return { ok: false, status: null, error: `network: ${name}`, permanent: false }
  }
  await response.body?.cancel()
  if (response.ok) return { ok: true, status: response.status }
  // A 4xx other than timeout/rate limit will not change on retry (the receiver refuses the alert).
  const permanent =
    response.status >= 400 &&
    response.status < 500 &&
    response.status !== 408 &&
    response.status !== 429
  return { ok: false, status: response.status, error: `HTTP ${response.status}`, permanent }
}
