import { describe, expect, it } from 'vitest'
import { CredentialError } from '../kit/credential-error.ts'
import { bytes, headersOf, hmacBase64 } from '../kit/signing.fixtures.ts'
import { verifyZendeskWebhook } from './webhook-signature.ts'

const NOW = Date.parse('2026-11-25T12:00:00.000Z')
const BODY = '{"type":"zen:event-type:user.merged"}'

/** Zendesk's recipe: base64(HMAC-SHA256(secret, timestamp + body)). */
async function delivery(secret: string, at: number, body = BODY) {
  const timestamp = new Date(at).toISOString()
  return {
    body: bytes(body),
    header: headersOf({
      'X-Zendesk-Webhook-Signature': await hmacBase64(secret, timestamp + body),
      'X-Zendesk-Webhook-Signature-Timestamp': timestamp,
    }),
  }
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  )

describe('verifyZendeskWebhook', () => {
  it('accepts a delivery signed by any of the account webhooks secrets', async () => {
    const request = await delivery('event-secret', NOW - 1000)
    await expect(verifyZendeskWebhook(request, ['trigger', 'event-secret'], NOW)).resolves.toBe(
      undefined,
    )
  })

  it('refuses another secret, an altered body, a missing header', async () => {
    const request = await delivery('other', NOW)
    const wrong = await refusal(verifyZendeskWebhook(request, ['event-secret'], NOW))
    expect(wrong).toBeInstanceOf(CredentialError)
    expect((wrong as Error).message).toContain('does not match')
    const signed = await delivery('s', NOW)
    const altered = { ...signed, body: bytes(BODY + ' ') }
    expect(await refusal(verifyZendeskWebhook(altered, ['s'], NOW))).toBeInstanceOf(CredentialError)
    const bare = { body: bytes(BODY), header: headersOf({}) }
    expect(((await refusal(verifyZendeskWebhook(bare, ['s'], NOW))) as Error).message).toContain(
      'Missing',
    )
  })

  it('refuses a timestamp past 5 minutes or more than a minute ahead', async () => {
    for (const at of [NOW - 5 * 60_000 - 1, NOW + 60_001]) {
      const error = await refusal(verifyZendeskWebhook(await delivery('s', at), ['s'], NOW))
      expect((error as Error).message).toContain('outside the accepted window')
    }
    await expect(
      verifyZendeskWebhook(await delivery('s', NOW + 59_000), ['s'], NOW),
    ).resolves.toBeUndefined()
  })
})
