import { randomToken, sha256Hex } from '../crypto.ts'

/**
 * Tenant API keys: `cxl_<tenantId>_<secret>`. The tenant id routes the request without any lookup;
 * the tenant object keeps only SHA-256(secret), so a leaked database leaks no key.
 */

export const TENANT_ID = /^t[0-9a-z]{20}$/
const API_KEY = /^cxl_(t[0-9a-z]{20})_([A-Za-z0-9_-]{43})$/

export function newTenantId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(20))
  // 5 bits per character (base32 digits of `toString(32)`): 100 random bits, no modulo bias.
  return 't' + [...bytes].map((b) => (b & 31).toString(32)).join('')
}

export async function newApiKey(tenantId: string): Promise<{ apiKey: string; secretHash: string }> {
  const secret = randomToken(32)
  return { apiKey: `cxl_${tenantId}_${secret}`, secretHash: await sha256Hex(secret) }
}

export function parseApiKey(token: string): { tenantId: string; secret: string } | null {
  const match = API_KEY.exec(token)
  return match ? { tenantId: match[1]!, secret: match[2]! } : null
}

export const looksLikeApiKey = (token: string): boolean => token.startsWith('cxl_')
