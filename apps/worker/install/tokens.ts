import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../app-env.ts'
import { signToken, verifyToken } from '../session.ts'

/** OAuth `state` lives 10 minutes; the connect page's link as long; its session a working day. */
export const STATE_TTL_MS = 10 * 60_000
export const LINK_TTL_MS = 10 * 60_000
export const SESSION_TTL_MS = 8 * 60 * 60_000
export const SESSION_COOKIE = 'cxlens_connect'

export type Vendor = 'zendesk' | 'hubspot'

/** What a signed `state` carries: its single-use id, the vendor, and where the install goes. */
export interface InstallState {
  id: string
  vendor: Vendor
  /** Zendesk: the account being installed. */
  subdomain?: string
  /** The tenant to link the account to (from the connect page's signed link). */
  tenantId?: string
}

export const signState = (env: Env, state: InstallState) =>
  signToken(env.CXLENS_SECRET_KEY, 'oauth_state', state, STATE_TTL_MS)
export const verifyState = (env: Env, token: string) =>
  verifyToken<InstallState>(env.CXLENS_SECRET_KEY, 'oauth_state', token)

/** The connect page's "connect the other tool" link: proves which tenant the next install joins. */
export const signTenantLink = (env: Env, tenantId: string) =>
  signToken(env.CXLENS_SECRET_KEY, 'tenant_link', { tenantId }, LINK_TTL_MS)
export const verifyTenantLink = (env: Env, token: string) =>
  verifyToken<{ tenantId: string }>(env.CXLENS_SECRET_KEY, 'tenant_link', token)

/**
 * The admin's browser after a callback: HttpOnly, SameSite=Lax (it must come back with the vendor's
 * top-level redirect), Secure on https. Scoped to one tenant; the connect page shows only that one.
 */
export async function startSession(c: Context<AppEnv>, tenantId: string): Promise<void> {
  const token = await signToken(
    c.env.CXLENS_SECRET_KEY,
    'connect_session',
    { tenantId },
    SESSION_TTL_MS,
  )
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: new URL(c.req.url).protocol === 'https:',
    maxAge: SESSION_TTL_MS / 1000,
  })
}

/** The tenant of the browser's connect session, or null. */
export async function sessionTenant(c: Context<AppEnv>): Promise<string | null> {
  const token = getCookie(c, SESSION_COOKIE)
  if (!token) return null
  const verified = await verifyToken<{ tenantId: string }>(
    c.env.CXLENS_SECRET_KEY,
    'connect_session',
    token,
  )
  return verified.ok ? verified.data.tenantId : null
}

/** Where the vendor sends the admin back: the public origin when a proxy or tunnel fronts us. */
export function callbackUrl(c: Context<AppEnv>, vendor: Vendor): string {
  const origin = (c.env.CXLENS_PUBLIC_ORIGIN || new URL(c.req.url).origin).replace(/\/+$/, '')
  return `${origin}/oauth/${vendor}/callback`
}

/** PKCE (RFC 7636, S256): the verifier stays in D1, the challenge goes in the URL. */
export async function pkcePair(): Promise<{ verifier: string; challenge: string }> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)))
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
  return { verifier, challenge: base64Url(new Uint8Array(digest)) }
}

export function randomId(bytes = 16): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)))
}

function base64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}
