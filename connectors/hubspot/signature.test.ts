import { describe, expect, it } from 'vitest'
import { CredentialError } from '../kit/credential-error.ts'
import { bytes, headersOf, hmacBase64, sha256Hex } from '../kit/signing.fixtures.ts'
import {
  HUBSPOT_SIGNATURE_WINDOW,
  readHubSpotSignature,
  verifyHubSpotDelivery,
} from './signature.ts'

const NOW = Date.parse('2026-11-25T12:00:00.000Z')
const URL_SIGNED = 'https://cxlens.example/webhooks/hubspot?x=%3A1'
const BODY = '[{"eventId":1,"portalId":42,"subscriptionType":"contact.creation"}]'

/** HubSpot v3: base64(HMAC(secret, method + URI (escapes decoded) + body + timestamp)). */
async function v3(secret: string, at: number) {
  const signature = await hmacBase64(secret, `POST${URL_SIGNED.replace('%3A', ':')}${BODY}${at}`)
  return {
    method: 'POST',
    url: URL_SIGNED,
    body: bytes(BODY),
    header: headersOf({
      'X-HubSpot-Signature-v3': signature,
      'X-HubSpot-Request-Timestamp': String(at),
    }),
  }
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e,
  )

describe('HubSpot signatures', () => {
  it('v3: names the secret that signed; another secret is refused', async () => {
    expect(await verifyHubSpotDelivery(await v3('b', NOW), ['a', 'b'], NOW)).toBe('b')
    const error = await refusal(verifyHubSpotDelivery(await v3('c', NOW), ['a', 'b'], NOW))
    expect(error).toBeInstanceOf(CredentialError)
  })

  it('v1 for webhooks: hex(SHA-256(secret + body)), no timestamp', async () => {
    const request = {
      method: 'POST',
      url: URL_SIGNED,
      body: bytes(BODY),
      header: headersOf({ 'X-HubSpot-Signature': await sha256Hex(`s1${BODY}`) }),
    }
    expect(await verifyHubSpotDelivery(request, ['s0', 's1'], NOW)).toBe('s1')
    // App cards send v3 only: a v1 header alone reads as unsigned there.
    expect(readHubSpotSignature(request.header, NOW, { acceptV1: false })).toBeNull()
  })

  it('one window for every v3 signature: 5 minutes old, 30 s ahead', async () => {
    expect(HUBSPOT_SIGNATURE_WINDOW).toEqual({ maxAgeMs: 300_000, maxFutureSkewMs: 30_000 })
    for (const at of [NOW - 300_001, NOW + 30_001]) {
      const error = await refusal(verifyHubSpotDelivery(await v3('a', at), ['a'], NOW))
      expect((error as Error).message).toContain('outside the accepted window')
    }
    expect(await verifyHubSpotDelivery(await v3('a', NOW + 29_000), ['a'], NOW)).toBe('a')
  })

  it('refuses a v3 signature without a numeric timestamp, and no signature at all', async () => {
    const header = headersOf({
      'X-HubSpot-Signature-v3': 'abc',
      'X-HubSpot-Request-Timestamp': 'x',
    })
    expect(() => readHubSpotSignature(header, NOW, { acceptV1: true })).toThrow(/Timestamp/)
    const none = { method: 'POST', url: URL_SIGNED, body: bytes(BODY), header: headersOf({}) }
    expect(((await refusal(verifyHubSpotDelivery(none, ['a'], NOW))) as Error).message).toContain(
      'Missing',
    )
  })
})
