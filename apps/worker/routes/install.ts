import { Hono, type Context } from 'hono'
import { hubspotOAuth } from '../../../connectors/hubspot/index.ts'
import { zendeskOAuth } from '../../../connectors/zendesk/index.ts'
import type { AppEnv } from '../app-env.ts'
import { knownTenant } from '../tenant/client.ts'
import { recordState } from '../install/oauth-states.ts'
import {
  callbackUrl,
  pkcePair,
  randomId,
  signState,
  STATE_TTL_MS,
  verifyTenantLink,
  type InstallState,
  type Vendor,
} from '../install/tokens.ts'
import { oauthApps } from '../oauth-config.ts'
import { badRequest, ProblemError } from '../problem.ts'

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i

/** The tenant a signed `link` (from the connect page) names, or undefined without one. */
async function linkedTenant(c: Context<AppEnv>): Promise<string | undefined> {
  const link = c.req.query('link')
  if (link === undefined) return undefined
  const verified = await verifyTenantLink(c.env, link)
  if (!verified.ok)
    throw badRequest(`The connect link is not valid (${verified.reason}): open /connect again`)
  if (!(await knownTenant(c.env, verified.data.tenantId)))
    throw badRequest('The connect link names no tenant')
  return verified.data.tenantId
}

/** A fresh single-use state (signed, 10 minutes) and its PKCE challenge. */
async function newState(c: Context<AppEnv>, state: Omit<InstallState, 'id'>) {
  const { verifier, challenge } = await pkcePair()
  const id = randomId()
  const now = Date.now()
  await recordState(
    c.env.DIRECTORY,
    { id, vendor: state.vendor, verifier, expiresMs: now + STATE_TTL_MS },
    now,
  )
  return { state: await signState(c.env, { id, ...state }), challenge }
}

const unconfigured = (vendor: Vendor) =>
  new ProblemError(
    503,
    `Installing ${vendor} is not configured on this deployment (OAuth client id and secret)`,
  )

/**
 * The start of an install: a redirect to the vendor's consent page with a signed, short-lived,
 * single-use `state`. `link` (from the connect page) joins the install to that page's tenant.
 */
export const install = new Hono<AppEnv>()
  .get('/zendesk', async (c) => {
    const app = oauthApps(c.env).zendesk
    if (!app) throw unconfigured('zendesk')
    const subdomain = (c.req.query('subdomain') ?? '').trim().toLowerCase()
    if (!SUBDOMAIN.test(subdomain)) {
      throw badRequest('Give your Zendesk subdomain: /install/zendesk?subdomain=<yours>', [
        { field: 'query.subdomain', message: 'a Zendesk subdomain: letters, digits, hyphens' },
      ])
    }
    const tenantId = await linkedTenant(c)
    const { state, challenge } = await newState(c, {
      vendor: 'zendesk',
      subdomain,
      ...(tenantId ? { tenantId } : {}),
    })
    return c.redirect(
      zendeskOAuth.authorizeUrl({
        baseUrl: app.baseUrlFor(subdomain),
        clientId: app.client.clientId,
        redirectUri: callbackUrl(c, 'zendesk'),
        scopes: zendeskOAuth.ZENDESK_SCOPES,
        state,
        codeChallenge: challenge,
      }),
      302,
    )
  })
  .get('/hubspot', async (c) => {
    const app = oauthApps(c.env).hubspot
    if (!app) throw unconfigured('hubspot')
    const tenantId = await linkedTenant(c)
    const { state, challenge } = await newState(c, {
      vendor: 'hubspot',
      ...(tenantId ? { tenantId } : {}),
    })
    return c.redirect(
      hubspotOAuth.authorizeUrl({
        appBaseUrl: app.appBaseUrl,
        clientId: app.client.clientId,
        redirectUri: callbackUrl(c, 'hubspot'),
        scopes: hubspotOAuth.HUBSPOT_REQUIRED_SCOPES,
        optionalScopes: hubspotOAuth.HUBSPOT_OPTIONAL_SCOPES,
        state,
        codeChallenge: challenge,
      }),
      302,
    )
  })
