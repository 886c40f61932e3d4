import { checkTimestampAge, CredentialError, type SignedRequest } from '../kit/credential-error.ts'
import {
  concatBytes,
  firstSigningSecret,
  utf8,
  verifyHmacBase64,
  verifySha256Hex,
} from '../kit/hmac.ts'

/**
 * Oldest accepted `X-HubSpot-Request-Timestamp` (HubSpot documents 5 minutes), and how far ahead
 * of our clock one may be: HubSpot documents no skew, one constant for cards and webhooks.
 */
export const HUBSPOT_SIGNATURE_WINDOW = { maxAgeMs: 5 * 60_000, maxFutureSkewMs: 30_000 }

/** What an app card request without its v3 signature is told. */
export const HUBSPOT_CARD_UNSIGNED = 'Missing X-HubSpot-Signature-v3 header'

/** A signature read from a request's headers, before any secret is known. */
export type HubSpotSignature =
  { version: 'v3'; signature: string; timestamp: string } | { version: 'v1'; signature: string }

/**
 * The request's HubSpot signature, or null when it carries none. v3 (`X-HubSpot-Signature-v3`)
 * must have a timestamp inside the window; v1 (`X-HubSpot-Signature`, version v1) is read only when
 * `acceptV1` (webhooks: it has no timestamp, event ids keep replays out; app cards send v3 only).
 * Throws a CredentialError for a malformed or stale v3 timestamp.
 * [ref: HubSpot "Validating requests from HubSpot"]
 */
export function readHubSpotSignature(
  header: SignedRequest['header'],
  nowMs: number,
  options: { acceptV1: boolean; window?: typeof HUBSPOT_SIGNATURE_WINDOW },
): HubSpotSignature | null {
  const v3 = header('x-hubspot-signature-v3')
  if (v3) {
    const timestamp = header('x-hubspot-request-timestamp') ?? ''
    if (!/^\d{1,15}$/.test(timestamp)) {
      throw new CredentialError('Missing or malformed X-HubSpot-Request-Timestamp header')
    }
    const window = options.window ?? HUBSPOT_SIGNATURE_WINDOW
    checkTimestampAge(nowMs - Number(timestamp), window, 'X-HubSpot-Request-Timestamp')
    return { version: 'v3', signature: v3, timestamp }
  }
  const v1 = header('x-hubspot-signature')
  const version = header('x-hubspot-signature-version') ?? 'v1'
  if (options.acceptV1 && v1 && version.toLowerCase() === 'v1') {
    return { version: 'v1', signature: v1 }
  }
  return null
}

/**
 * Which candidate client secret made `signature` over the request, or null. v3:
 * base64(HMAC-SHA256(secret, method + URI + body + timestamp)); v1: hex(SHA-256(secret + body)).
 */
export function hubspotSigningSecret(
  signature: HubSpotSignature,
  request: Pick<SignedRequest, 'method' | 'url' | 'body'>,
  secrets: readonly string[],
): Promise<string | null> {
  if (signature.version === 'v1') {
    return firstSigningSecret(secrets, (secret) =>
      verifySha256Hex(concatBytes(utf8(secret), request.body), signature.signature),
    )
  }
  const message = concatBytes(
    utf8(request.method + decodeSignedUri(request.url)),
    request.body,
    utf8(signature.timestamp),
  )
  return firstSigningSecret(secrets, (secret) =>
    verifyHmacBase64(secret, message, signature.signature),
  )
}

/**
 * Which of the candidate secrets signed a webhook delivery (v3, else v1), or a CredentialError.
 * The portal is in the body, not the URL, so the caller passes the secrets of the portals the body
 * names.
 */
export async function verifyHubSpotDelivery(
  request: SignedRequest,
  secrets: readonly string[],
  nowMs: number,
): Promise<string> {
  const signature = readHubSpotSignature(request.header, nowMs, { acceptV1: true })
  if (!signature) {
    throw new CredentialError('Missing X-HubSpot-Signature-v3 (or v1 X-HubSpot-Signature) header')
  }
  const secret = await hubspotSigningSecret(signature, request, secrets)
  if (secret === null) throw new CredentialError('HubSpot webhook signature does not match')
  return secret
}

// HubSpot signs the URI with these escapes decoded, and only these. [ref: HubSpot signature v3]
const SIGNED_ESCAPES = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi

export function decodeSignedUri(url: string): string {
  return url.replace(SIGNED_ESCAPES, (escape) => decodeURIComponent(escape))
}
