import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import {
  looksLikeJwt,
  verifyZafJwt,
  ZAF_JWT_DEFAULTS,
  type ZafCaller,
  type ZafKey,
} from '../../../connectors/zendesk/index.ts'
import type { AppEnv } from '../app-env.ts'
import { unauthorized } from '../problem.ts'
import { bearerToken } from './bearer.ts'
import { verifiedOr401 } from './credential.ts'

export type { ZafCaller }

export interface ZafEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { zaf: ZafCaller }
}

/**
 * The issuer's tenant and the installation's key: the app's `shared_secret` setting (the HMAC key
 * Zendesk's proxy signs with), or a check run inside the tenant object that keeps it sealed.
 */
export type ZafInstallation = { tenantId: string } & ZafKey

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
  /** Farthest accepted `exp` from now: a leaked long-lived token is refused. */
  maxLifetimeSeconds?: number
  /**
   * `next`: a request without a JWT bearer passes on untouched so another credential may bind it
   * (`requireTenant()` must follow). `reject` (default): it gets a 401.
   */
  whenAbsent?: 'reject' | 'next'
  now?: () => number
}

/**
 * The Zendesk sidebar's `Authorization: Bearer <JWT>` (checked by the Zendesk connector's
 * `verifyZafJwt`) binds the request to the installation's tenant and leaves the caller in `c.var.zaf`.
 * Any failure is a 401 problem before anything of the tenant is read.
 */
export function zafJwt(options: ZafJwtOptions) {
  const now = options.now ?? Date.now
  return createMiddleware<ZafEnv>(async function zafJwtMiddleware(c, next) {
    const token = bearerToken(c)
    if (!token || !looksLikeJwt(token)) {
      if (options.whenAbsent === 'next' || c.get('tenant')) return next()
      throw unauthorized(token ? 'Bearer token is not a JWT' : 'Missing ZAF JWT bearer token')
    }
    const { installation, caller } = await verifiedOr401(() =>
      verifyZafJwt(token, (iss) => options.resolveSecret(iss, c), {
        audience: options.audience ?? ZAF_JWT_DEFAULTS.audience,
        leewaySeconds: options.leewaySeconds ?? ZAF_JWT_DEFAULTS.leewaySeconds,
        maxLifetimeSeconds: options.maxLifetimeSeconds ?? ZAF_JWT_DEFAULTS.maxLifetimeSeconds,
        nowMs: now(),
      }),
    )
    c.set('tenant', { tenantId: installation.tenantId, via: 'zaf_jwt' })
    c.set('zaf', caller)
    await next()
  })
}
