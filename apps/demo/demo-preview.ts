import type { MiddlewareHandler } from 'hono'
import { sign } from 'hono/jwt'
import type { AppEnv } from '../worker/app-env.ts'
import { resolveZafSecret } from '../worker/middleware/platform-credentials.ts'
import { notFound, onNotFound } from '../worker/problem.ts'
import { tenantStub } from '../worker/tenant/client.ts'
import { createPreviewRoutes } from './preview.ts'

const DEFAULT_SUBDOMAIN = 'demo'
/** Enough to pick from; the picker is a select box. */
const PICKER_SIZE = 30

const subdomainOf = (env: Env): string =>
  (env.CXLENS_PREVIEW_SUBDOMAIN || DEFAULT_SUBDOMAIN).toLowerCase()

/**
 * The preview signs sidebar tokens for anyone who asks: off (404, as if absent) unless the
 * deployment sets `CXLENS_PREVIEW_SECRET`, which only `npm start` and demo deployments do.
 */
export function previewEnabled(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.env.CXLENS_PREVIEW_SECRET) return onNotFound(c)
    await next()
  }
}

/**
 * The tenant that installed the preview's subdomain with the preview's own secret. Another secret
 * means that tenant did not opt in: its customers are not listed on this unauthenticated page.
 */
async function previewTenant(env: Env): Promise<string> {
  const subdomain = subdomainOf(env)
  const installed = await resolveZafSecret(env, subdomain)
  // Same key ⇔ it verifies a token the preview signed: the tenant object checks it, so the
  // installation's secret stays there.
  const probe = await sign({ aud: 'cxlens-preview-opt-in' }, env.CXLENS_PREVIEW_SECRET!, 'HS256')
  const opted =
    installed !== null && 'verifySignature' in installed && (await installed.verifySignature(probe))
  if (!installed || !opted) {
    throw notFound(
      `No tenant installed the Zendesk app of ${subdomain} with the preview's secret ` +
        '(PUT /admin/tenants/:tenantId/installations/zendesk)',
    )
  }
  return installed.tenantId
}

/** `/preview` on the worker: the sidebar for the customers of `CXLENS_PREVIEW_SUBDOMAIN`. */
export const demoPreview = createPreviewRoutes({
  subdomain: (c) => subdomainOf(c.env),
  secret: (c) => c.env.CXLENS_PREVIEW_SECRET!,
  listCustomers: async (c) => {
    const tenantId = await previewTenant(c.env)
    return tenantStub(c.env, tenantId).previewCustomers(subdomainOf(c.env), PICKER_SIZE)
  },
})
