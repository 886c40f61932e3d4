// What every vendor's signature check shares: bytes, base64, HMAC-SHA256 and constant-time compares.
const encoder = new TextEncoder()

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text)

export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.byteLength
  }
  return out
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))
  } catch {
    return null
  }
}

/** Equal strings, in time that does not depend on where they differ (nor on their lengths). */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [da, db] = await Promise.all([
    crypto.subtle.digest('SHA-256', encoder.encode(a)),
    crypto.subtle.digest('SHA-256', encoder.encode(b)),
  ])
  // Both digests are 32 bytes: the loop always runs to the end, whatever the inputs.
  const x = new Uint8Array(da)
  const y = new Uint8Array(db)
  let diff = 0
  for (let i = 0; i < x.length; i++) diff |= x[i]! ^ y[i]!
  return diff === 0
}

/** HMAC-SHA256(secret, message) equals `mac`; crypto.subtle.verify compares in constant time. */
export async function verifyHmacSha256(
  secret: string,
  message: Uint8Array<ArrayBuffer>,
  mac: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  const key = await crypto.subtle.importKey(
    'raw',
    utf8(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['verify'],
  )
  return crypto.subtle.verify('HMAC', key, mac, message)
}

/** base64(HMAC-SHA256(secret, message)) equals `signature`. */
export async function verifyHmacBase64(
  secret: string,
  message: Uint8Array<ArrayBuffer>,
  signature: string,
): Promise<boolean> {
  const expected = fromBase64(signature.trim())
  return expected !== null && verifyHmacSha256(secret, message, expected)
}

/** hex(SHA-256(message)) equals `signature` (case-insensitive), compared in constant time. */
export async function verifySha256Hex(
  message: Uint8Array<ArrayBuffer>,
  signature: string,
): Promise<boolean> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', message))
  const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
  return constantTimeEqual(hex, signature.trim().toLowerCase())
}

/** The first secret under which `verify` holds, or null: an account may sign with several. */
export async function firstSigningSecret(
  secrets: readonly string[],
  verify: (secret: string) => Promise<boolean>,
): Promise<string | null> {
  let found: string | null = null
  // Every secret is tried, so the time taken does not tell which one matched.
  for (const secret of secrets) if ((await verify(secret)) && found === null) found = secret
  return found
}
