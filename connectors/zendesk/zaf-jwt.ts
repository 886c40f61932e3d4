import { decode, verify } from 'hono/jwt'
import { CredentialError } from '../kit/credential-error.ts'
import { utf8 } from '../kit/hmac.ts'

/** Who a verified sidebar request comes from: the Zendesk account and the agent using the app. */
export interface ZafCaller {
  /** The `iss` claim: the Zendesk subdomain the app runs in. */
  subdomain: string
  /** The `sub` claim: the agent's Zendesk user id, when the app sent it. */
  agentId: string | null
}

export interface ZafJwtRule {
  /** The `aud` claim our sidebar app sets (`apps/zendesk-sidebar/src/zaf.ts`). */
  audience: string
  /** Clock skew tolerated on `exp`, `nbf` and `iat`. */
  leewaySeconds: number
  /** Farthest accepted `exp` from now: a leaked long-lived token is refused. */
  maxLifetimeSeconds: number
  nowMs: number
}

export const ZAF_JWT_DEFAULTS = { audience: 'cxlens', leewaySeconds: 30, maxLifetimeSeconds: 3600 }

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/

/** Whether a bearer token has a JWT's three parts (else it is some other credential). */
export const looksLikeJwt = (token: string) => JWT_SHAPE.test(token)

/**
 * The Zendesk sidebar's credential: an HS256 JWT that Zendesk's proxy signs with the installation's
 * secure `shared_secret` setting; `exp` comes from the request's `expiry`, the other claims (`iss`,
 * `aud`, `sub`) from our app. `iat`/`jti` are not required: the app sets neither and which claims
 * the proxy adds is undocumented. Only HS256 passes (`none` and algorithm swaps fail); claims are
 * checked before the installation is looked up by `iss`; hono/jwt verifies the MAC with WebCrypto.
 * Throws a CredentialError naming the problem; an unknown issuer reads like a bad signature.
 * [ref: Zendesk "Making API requests from a Zendesk app", JSON Web Tokens]
 */
export async function verifyZafJwt<I extends ZafKey>(
  token: string,
  resolveInstallation: (iss: string) => I | null | Promise<I | null>,
  rule: ZafJwtRule,
): Promise<{ installation: I; caller: ZafCaller }> {
  let header: Record<string, unknown>
  let claims: Record<string, unknown>
  try {
    ;({ header, payload: claims } = decode(token) as unknown as {
      header: Record<string, unknown>
      payload: Record<string, unknown>
    })
  } catch {
    throw new CredentialError('JWT is not readable')
  }
  if (header?.alg !== 'HS256' || (header.typ !== undefined && header.typ !== 'JWT')) {
    throw new CredentialError('JWT must be signed with HS256')
  }
  if (!claims || typeof claims !== 'object' || Array.isArray(claims)) {
    throw new CredentialError('JWT payload is not a JSON object')
  }
  const iss = checkClaims(claims, rule)

  const failed = 'JWT signature does not match'
  const installation = await resolveInstallation(iss)
  if (!installation) throw new CredentialError(failed)
  const matches =
    'secret' in installation
      ? await zafSignatureMatches(token, installation.secret)
      : await installation.verifySignature(token)
  if (!matches) throw new CredentialError(failed)
  const sub = claims.sub
  const agentId = typeof sub === 'string' || typeof sub === 'number' ? String(sub) : null
  return { installation, caller: { subdomain: iss, agentId } }
}

/**
 * The installation's key, or a check run where the key is kept (the tenant object opens its sealed
 * secret and calls `zafSignatureMatches`, so the secret never travels).
 */
export type ZafKey = { secret: string } | { verifySignature: (token: string) => Promise<boolean> }

/** Whether `secret` made the token's HS256 MAC (hono/jwt; time claims are checked by the caller). */
export async function zafSignatureMatches(token: string, secret: string): Promise<boolean> {
  try {
    await verify(token, hmacKey(secret), { alg: 'HS256', exp: false, nbf: false, iat: false })
    return true
  } catch {
    return false
  }
}

/** The issuer, once every claim rule holds. */
function checkClaims(claims: Record<string, unknown>, rule: ZafJwtRule): string {
  const { iss, aud, exp, iat, nbf } = claims
  const now = Math.floor(rule.nowMs / 1000)
  const leeway = rule.leewaySeconds
  if (typeof iss !== 'string' || iss === '') throw new CredentialError('JWT has no issuer')
  const audiences = Array.isArray(aud) ? aud : [aud]
  if (!audiences.includes(rule.audience)) {
    throw new CredentialError(`JWT audience must be ${rule.audience}`)
  }
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new CredentialError('JWT needs exp')
  if (exp + leeway <= now) throw new CredentialError('JWT has expired')
  if (exp - now > rule.maxLifetimeSeconds) throw new CredentialError('JWT lifetime is too long')
  if (iat !== undefined && (typeof iat !== 'number' || iat - leeway > now)) {
    throw new CredentialError('JWT is issued in the future')
  }
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf - leeway > now)) {
    throw new CredentialError('JWT is not valid yet')
  }
  return iss
}

/** The shared secret as a JWK: hono/jwt would read a string containing `PUBLIC` as a PEM key. */
function hmacKey(secret: string) {
  const k = btoa(String.fromCharCode(...utf8(secret)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
  return { kty: 'oct', k, alg: 'HS256' }
}
