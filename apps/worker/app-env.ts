import type { ZafCaller } from './middleware/zaf-jwt.ts'

/** How a request proved which tenant it acts for; each credential binds the request to one tenant. */
export interface TenantBinding {
  tenantId: string
  via: 'api_key' | 'zaf_jwt' | 'hubspot_signature'
}

/** Hono's environment of the worker: bindings, and what middleware leaves for the routes. */
export interface AppEnv {
  Bindings: Env
  Variables: {
    /** Set by exactly one credential middleware on `/v1/customers/*`. */
    tenant: TenantBinding
    /** Set with `via: 'zaf_jwt'`: the Zendesk subdomain and agent of the sidebar's JWT. */
    zaf?: ZafCaller
  }
}
