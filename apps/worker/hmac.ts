// The signature checks of every inbound credential (ZAF JWT, HubSpot v3/v1, Zendesk webhooks).
import { constantTimeEqual } from './crypto.ts'

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
