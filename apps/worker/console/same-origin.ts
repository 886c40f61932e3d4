import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method.toUpperCase())

/**
 * A cookie-authenticated request that changes state must come from the console's own pages
 * (CSRF defence on top of SameSite=Strict): `Sec-Fetch-Site: same-origin` when the browser sends
 * it, and an `Origin` equal to ours when sent; at least one of the two must be there. Every
 * current browser sends both on a fetch POST/PATCH/DELETE.
 */
export function isSameOriginRequest(c: Context<AppEnv>): boolean {
  const site = c.req.header('sec-fetch-site')
  const origin = c.req.header('origin')
  if (site === undefined && origin === undefined) return false
  if (site !== undefined && site !== 'same-origin') return false
  if (origin !== undefined) {
    const ours = [new URL(c.req.url).origin, c.env.CXLENS_PUBLIC_ORIGIN?.replace(/\/+$/, '')]
    if (!ours.includes(origin)) return false
  }
  return true
}
