import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { fromBase64, toBase64Url } from '../crypto.ts'

/**
 * The admin console's session: the admin token, once checked, becomes an HttpOnly, SameSite=Strict
 * cookie the browser sends back; the token itself never reaches the page's storage. The value is
 * `v1.<expires s>.<nonce>.<HMAC>` under a key derived from the admin token, so it is stateless and
 * rotating the token ends every session.
 */
export const SESSION_COOKIE = 'cxlens_admin'
export const SESSION_SECONDS = 8 * 3600
const VERSION = 'v1'
const encoder = new TextEncoder()

/** HKDF of the admin token: the session key is not the token, and dies with it. */
async function sessionKey(adminToken: string): Promise<CryptoKey> {
  const ikm = await crypto.subtle.importKey('raw', encoder.encode(adminToken), 'HKDF', false, [
    'deriveKey',
  ])
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('cxlens admin console'),
      info: encoder.encode(`session ${VERSION}`),
    },
    ikm,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign', 'verify'],
  )
}

export async function issueSession(
  adminToken: string,
  nowMs: number,
): Promise<{ value: string; expiresAt: string }> {
  const expires = Math.floor(nowMs / 1000) + SESSION_SECONDS
  const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(16)))
  const body = `${VERSION}.${expires}.${nonce}`
  const mac = await crypto.subtle.sign('HMAC', await sessionKey(adminToken), encoder.encode(body))
  return {
    value: `${body}.${toBase64Url(new Uint8Array(mac))}`,
    expiresAt: new Date(expires * 1000).toISOString(),
  }
}

/** A session value this deployment signed, not expired; crypto.subtle.verify is constant-time. */
export async function verifySession(
  adminToken: string,
  value: string,
  nowMs: number,
): Promise<boolean> {
  const parts = value.split('.')
  if (parts.length !== 4 || parts[0] !== VERSION) return false
  const [, expiresText, nonce, macText] = parts as [string, string, string, string]
  const expires = Number(expiresText)
  const now = Math.floor(nowMs / 1000)
  if (!/^\d{1,12}$/.test(expiresText) || expires <= now || expires > now + SESSION_SECONDS) {
    return false
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(nonce) || !/^[A-Za-z0-9_-]{43}$/.test(macText)) return false
  return crypto.subtle.verify(
    'HMAC',
    await sessionKey(adminToken),
    fromBase64(macText),
    encoder.encode(`${VERSION}.${expiresText}.${nonce}`),
  )
}

/** Secure on https (or when the public origin is https, behind a TLS-terminating proxy). */
function isHttps(c: Context<AppEnv>): boolean {
  return (
    new URL(c.req.url).protocol === 'https:' ||
    (c.env.CXLENS_PUBLIC_ORIGIN ?? '').startsWith('https:')
  )
}

export function setSessionCookie(c: Context<AppEnv>, value: string): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c),
    path: '/admin',
    maxAge: SESSION_SECONDS,
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/admin', secure: isHttps(c), httpOnly: true })
}

/** The request carries a valid console session. */
export async function hasSession(c: Context<AppEnv>, adminToken: string) {
  const value = getCookie(c, SESSION_COOKIE)
  return value !== undefined && (await verifySession(adminToken, value, Date.now()))
}
