import { decodeSignedUri } from '../middleware/hubspot-signature.ts'
import { unauthorized } from '../problem.ts'
import { concatBytes, utf8, verifyHmacBase64, verifySha256Hex } from '../hmac.ts'

export interface HubspotDeliveryRequest {
  method: string
  /** The URL HubSpot signed (the public origin when a proxy changed ours). */
  url: string
  body: Uint8Array<ArrayBuffer>
  header: (name: string) => string | undefined
}

const FIVE_MINUTES = 5 * 60_000

/**
 * Which of the candidate client secrets signed a webhook delivery, or a 401. The portal is in the
 * body, not the URL, so the route passes the secrets of the portals the body names (the shared
 * `hubspotSignature` middleware reads a `portalId` query parameter HubSpot adds to card requests
 * only). v3 when `X-HubSpot-Signature-v3` is present: base64(HMAC-SHA256(secret, method + URI + body
 * + timestamp)), timestamp ≤ 5 min old; else v1: hex(SHA-256(secret + body)) in `X-HubSpot-Signature`,
 * which carries no timestamp (event ids keep replays out). [ref: HubSpot "Validating requests"]
 */
export async function verifyHubspotDelivery(
  request: HubspotDeliveryRequest,
  secrets: string[],
  now: number,
): Promise<string> {
  const v3 = request.header('x-hubspot-signature-v3')
  const v1 = request.header('x-hubspot-signature')
  const failed = 'HubSpot webhook signature does not match'
  if (v3) {
    const timestamp = request.header('x-hubspot-request-timestamp') ?? ''
    if (!/^\d{1,15}$/.test(timestamp)) {
      throw unauthorized('Missing or malformed X-HubSpot-Request-Timestamp header')
    }
    const age = now - Number(timestamp)
    if (age > FIVE_MINUTES || age < -60_000) {
      throw unauthorized('X-HubSpot-Request-Timestamp is outside the accepted window')
    }
    const message = concatBytes(
      utf8(request.method + decodeSignedUri(request.url)),
      request.body,
      utf8(timestamp),
    )
    for (const secret of secrets) {
      if (await verifyHmacBase64(secret, message, v3)) return secret
    }
    throw unauthorized(failed)
  }
  const version = request.header('x-hubspot-signature-version') ?? 'v1'
  if (v1 && version.toLowerCase() === 'v1') {
    for (const secret of secrets) {
      if (await verifySha256Hex(concatBytes(utf8(secret), request.body), v1)) return secret
    }
    throw unauthorized(failed)
  }
  throw unauthorized('Missing X-HubSpot-Signature-v3 (or v1 X-HubSpot-Signature) header')
}
