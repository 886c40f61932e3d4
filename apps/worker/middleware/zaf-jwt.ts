import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { unauthorized } from '../problem.ts'
import { bearerToken } from './bearer.ts'
import { verifyHmacSha256 } from '../hmac.ts'

/** Who a verified sidebar request comes from: the Zendesk account and the agent using the app. */
export interface ZafCaller {
  /** The `iss` claim: the Zendesk subdomain the app runs in. */
  subdomain: string
  /** The `sub` claim: the agent's Zendesk user id, when the app sent it. */
  agentId: string | null
}

export interface ZafEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { zaf: ZafCaller }
}

export type ZafInstallation = { tenantId: string } & (
  | {
      /** The app's `shared_secret` setting: the HMAC key Zendesk's proxy signs with. */
      secret: string
    }
  /** Checks the HMAC-SHA256 where the secret is kept (the tenant object), so it never travels. */
  | { verify: (signed: Uint8Array<ArrayBuffer>, mac: Uint8Array<ArrayBuffer>) => Promise<boolean> }
)

export interface ZafJwtOptions {
  /** Issuer (Zendesk subdomain) → its tenant and the installation's shared secret; null if unknown. */
  resolveSecret: (
    iss: string,
    c: Context<ZafEnv>,
  ) => ZafInstallation | null | Promise<ZafInstallation | null>
  /** Expected `aud` claim. */
  audience?: string
  /** Clock skew tolerated on `exp`, `iat` and `nbf`. */
  leewaySeconds?: number
  /** Longest accepted `exp - iat`: a leaked long-lived token is refused. */
  maxLifetimeSeconds?: number
  /**
   * `next`: a request without a JWT bearer passes on untouched so another credential may bind it
   * (`requireTenant()` must follow). `reject` (default): it gets a 401.
   */
  whenAbsent?: 'reject' | 'next'
  now?: () => number
}

interface Claims {
  iss?: unknown
  aud?: unknown
  sub?: unknown
  exp?: unknown
  iat?: unknown
  nbf?: unknown
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/
const encoder = new TextEncoder()

/**
 * The Zendesk sidebar's credential: an HS256 JWT that Zendesk's proxy signs with the installation's
 * secure `shared_secret` setting and sends as `Authorization: Bearer`. Checks the header (HS256 only,
 * so `none` and algorithm swaps fail), `aud`, `exp`/`iat`/`nbf` with a small leeway, finds the
 * tenant and secret by `iss`, and verifies the MAC with WebCrypto (constant time). Any failure is a
 * 401 problem before anything of the tenant is read.
 * [ref: Zendesk "Making API requests from a Zendesk app", JSON Web Tokens]
 */
export function zafJwt(options: ZafJwtOptions) {
  const audience = options.audience ?? 'cxlens'
  const leeway = options.leewaySeconds ?? 30
  const maxLifetime = options.maxLifetimeSeconds ?? 3600
  const now = options.now ?? Date.now

  return createMiddleware<ZafEnv>(async function zafJwtMiddleware(c, next) {
    const token = bearerToken(c)
    if (!token || !JWT_SHAPE.test(token)) {
      if (options.whenAbsent === 'next' || c.get('tenant')) return next()
      throw unauthorized(token ? 'Bearer token is not a JWT' : 'Missing ZAF JWT bearer token')
    }
    const [headerPart, payloadPart, signaturePart] = token.split('.') as [string, string, string]
    const header = decodeJson(headerPart)
    if (!header || header.alg !== 'HS256' || (header.typ !== undefined && header.typ !== 'JWT')) {
      throw unauthorized('JWT must be signed with HS256')
    }
    const claims = decodeJson(payloadPart) as Claims | null
    if (!claims) throw unauthorized('JWT payload is not JSON')
    checkClaims(claims, { audience, leeway, maxLifetime, nowSeconds: Math.floor(now() / 1000) })

    // One message for an unknown issuer and a bad signature: callers learn nothing about tenants.
    const failed = 'JWT signature does not match'
    const installation = await options.resolveSecret(claims.iss as string, c)
    if (!installation) throw unauthorized(failed)
    const signature = fromBase64Url(signaturePart)
    const signed = encoder.encode(`${headerPart}.${payloadPart}`)
    const verified =
      signature &&
      ('verify' in installation
        ? await installation.verify(signed, signature)
        : await verifyHmacSha256(installation.secret, signed, signature))
    if (!verified) {
      throw unauthorized(failed)
    }

    c.set('tenant', { tenantId: installation.tenantId, via: 'zaf_jwt' })
    c.set('zaf', {
      subdomain: claims.iss as string,
      agentId:
        typeof claims.sub === 'string' || typeof claims.sub === 'number'
          ? String(claims.sub)
          : null,
    })
    await next()
  })
}

function checkClaims(
  claims: Claims,
  rule: { audience: string; leeway: number; maxLifetime: number; nowSeconds: number },
): void {
  const { iss, aud, exp, iat, nbf } = claims
  if (typeof iss !== 'string' || iss === '') throw unauthorized('JWT has no issuer')
  const audiences = Array.isArray(aud) ? aud : [aud]
  if (!audiences.includes(rule.audience))
    throw unauthorized(`JWT audience must be ${rule.audience}`)
  if (typeof exp !== 'number' || typeof iat !== 'number')
    throw unauthorized('JWT needs exp and iat')
  if (exp + rule.leeway <= rule.nowSeconds) throw unauthorized('JWT has expired')
  if (iat - rule.leeway > rule.nowSeconds) throw unauthorized('JWT is issued in the future')
  if (exp - iat > rule.maxLifetime) throw unauthorized('JWT lifetime is too long')
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf - rule.leeway > rule.nowSeconds)) {
    throw unauthorized('JWT is not valid yet')
  }
}

function decodeJson(part: string): Record<string, unknown> | null {
  const bytes = fromBase64Url(part)
  if (!bytes) return null
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes))
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null
  } catch {
    return null
  }
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/')
  try {
    return Uint8Array.from(atob(normal + '='.repeat((4 - (normal.length % 4)) % 4)), (ch) =>
      ch.charCodeAt(0),
    )
  } catch {
    return null
  }
}
