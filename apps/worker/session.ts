/**
 * Small signed tokens: a JSON payload with a purpose and an expiry, HMAC-SHA256 under a key derived
 * from `CXLENS_SECRET_KEY` (HKDF, so the sealing key itself never signs). One helper for every
 * short-lived proof the worker hands a browser: OAuth `state`, the connect page's tenant link, the
 * connect page's session cookie. A token of one purpose never verifies as another.
 *
 * Format: `<base64url(JSON {p, exp, d})>.<base64url(HMAC)>`. Not encrypted: put no secret in it.
 */

const encoder = new TextEncoder()
const keys = new Map<string, Promise<CryptoKey>>()

export interface SignedPayload<T> {
  purpose: string
  /** ms since epoch. */
  expiresAt: number
  data: T
}

function signingKey(base64Key: string | undefined): Promise<CryptoKey> {
  if (!base64Key) return Promise.reject(new Error('CXLENS_SECRET_KEY is not set'))
  let key = keys.get(base64Key)
  if (!key) {
    key = (async () => {
      const raw = Uint8Array.from(atob(base64Key), (ch) => ch.charCodeAt(0))
      const master = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey'])
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new Uint8Array(0),
          info: encoder.encode('cxlens signed tokens v1'),
        },
        master,
        { name: 'HMAC', hash: 'SHA-256', length: 256 },
        false,
        ['sign', 'verify'],
      )
    })()
    keys.set(base64Key, key)
  }
  return key
}

export async function signToken<T>(
  base64Key: string | undefined,
  purpose: string,
  data: T,
  ttlMs: number,
  now = Date.now(),
): Promise<string> {
  const body = toBase64Url(
    encoder.encode(JSON.stringify({ p: purpose, exp: now + ttlMs, d: data })),
  )
  const mac = await crypto.subtle.sign('HMAC', await signingKey(base64Key), encoder.encode(body))
  return `${body}.${toBase64Url(new Uint8Array(mac))}`
}

export type VerifyFailure = 'malformed' | 'bad_signature' | 'wrong_purpose' | 'expired'

/** The token's payload, or why it is refused. Constant-time MAC check (WebCrypto `verify`). */
export async function verifyToken<T>(
  base64Key: string | undefined,
  purpose: string,
  token: string,
  now = Date.now(),
): Promise<{ ok: true; data: T; expiresAt: number } | { ok: false; reason: VerifyFailure }> {
  const parts = token.split('.')
  if (parts.length !== 2 || token.length > 4096) return { ok: false, reason: 'malformed' }
  const [body, mac] = parts as [string, string]
  let macBytes: Uint8Array<ArrayBuffer>
  try {
    macBytes = fromBase64Url(mac)
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  const key = await signingKey(base64Key)
  if (!(await crypto.subtle.verify('HMAC', key, macBytes, encoder.encode(body)))) {
    return { ok: false, reason: 'bad_signature' }
  }
  let payload: { p?: unknown; exp?: unknown; d?: unknown }
  try {
    payload = JSON.parse(new TextDecoder().decode(fromBase64Url(body)))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (payload.p !== purpose) return { ok: false, reason: 'wrong_purpose' }
  if (typeof payload.exp !== 'number' || payload.exp <= now) return { ok: false, reason: 'expired' }
  return { ok: true, data: payload.d as T, expiresAt: payload.exp }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url')
  const padded =
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4)
  return Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0))
}
