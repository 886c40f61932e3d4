import { Hono, type Context } from 'hono'
import { hubspotOAuth } from '../../../connectors/hubspot/index.ts'
import { OAuthError, type StoredOAuthGrant } from '../../../connectors/kit/oauth-tokens.ts'
import { zendeskOAuth } from '../../../connectors/zendesk/index.ts'
import type { AppEnv } from '../app-env.ts'
import { accountKey, Directory } from '../directory/directory.ts'
import { consumeState } from '../install/oauth-states.ts'
import { setUpZendeskWebhooks } from '../install/zendesk-webhooks.ts'
import {
  callbackUrl,
  startSession,
  verifyState,
  type InstallState,
  type Vendor,
} from '../install/tokens.ts'
import { log } from '../log.ts'
import { liveTransport, oauthApps } from '../oauth-config.ts'
import { badRequest, ProblemError } from '../problem.ts'
import { newTenantId } from '../tenant/api-key.ts'
import { tenantStub } from '../tenant/client.ts'
import type { InstallResults } from '../tenant/installs.ts'
import { sharedSecretPage } from './connect-page.ts'

/** The account a grant opens, and the grant sealed into its connection. */
interface Exchanged {
  account: string
  baseUrl: string
  grant: StoredOAuthGrant
}

/**
 * The vendor's redirect back: the `state` is checked (signature, expiry, vendor) and consumed
 * (single use) BEFORE the code is exchanged, so a forged, replayed or expired state stores nothing.
 */
async function checkedState(c: Context<AppEnv>, vendor: Vendor) {
  const verified = await verifyState(c.env, c.req.query('state') ?? '')
  if (!verified.ok)
    throw badRequest(
      `The install's state is not valid (${verified.reason}): start the install again`,
    )
  if (verified.data.vendor !== vendor)
    throw badRequest('The install state belongs to another vendor')
  const verifier = await consumeState(c.env.DIRECTORY, verified.data.id, vendor, Date.now())
  if (verifier === null)
    throw badRequest('This install state was already used or has expired: start the install again')
  return { state: verified.data, verifier }
}

function exchangeFailed(error: unknown, vendor: Vendor): never {
  if (error instanceof OAuthError && error.code === 'invalid_grant') {
    throw badRequest(
      `${vendor} refused the authorization code (expired or already used): start the install again`,
    )
  }
  const code = error instanceof OAuthError ? error.code : 'error'
  log('error', 'oauth_exchange_failed', { message: `${vendor}: ${code}` })
  throw new ProblemError(502, `${vendor} did not complete the install (${code}); try again`)
}

async function exchangeZendesk(
  c: Context<AppEnv>,
  state: InstallState,
  verifier: string,
  code: string,
): Promise<Exchanged> {
  const app = oauthApps(c.env).zendesk
  if (!app || !state.subdomain) throw new ProblemError(503, 'Installing zendesk is not configured')
  const baseUrl = app.baseUrlFor(state.subdomain)
  const tokens = await zendeskOAuth
    .exchangeCode({
      ...liveTransport,
      baseUrl,
      client: app.client,
      code,
      redirectUri: callbackUrl(c, 'zendesk'),
      codeVerifier: verifier,
    })
    .catch((error) => exchangeFailed(error, 'zendesk'))
  // The token's record id lets an uninstall revoke it by id; not every account answers it.
  const record = await zendeskOAuth
    .currentToken({ ...liveTransport, baseUrl, accessToken: tokens.accessToken })
    .catch(() => null)
  return {
    account: state.subdomain,
    baseUrl,
    grant: { kind: 'oauth_grant', ...tokens, ...(record ? { tokenId: record.id } : {}) },
  }
}

async function exchangeHubSpot(
  c: Context<AppEnv>,
  verifier: string,
  code: string,
): Promise<Exchanged> {
  const app = oauthApps(c.env).hubspot
  if (!app) throw new ProblemError(503, 'Installing hubspot is not configured')
  const { hubId, ...tokens } = await hubspotOAuth
    .exchangeCode({
      ...liveTransport,
      apiBaseUrl: app.apiBaseUrl,
      client: app.client,
      code,
      redirectUri: callbackUrl(c, 'hubspot'),
      codeVerifier: verifier,
    })
    .catch((error) => exchangeFailed(error, 'hubspot'))
  return { account: hubId, baseUrl: app.apiBaseUrl, grant: { kind: 'oauth_grant', ...tokens } }
}

/**
 * The tenant an install lands in: the connect page's linked tenant, else the tenant the account
 * already routes to (a reinstall: the OAuth consent proves the admin runs that account), else a
 * new one. Never guessed from e-mail addresses. An account of another tenant → 409.
 */
async function tenantFor(env: Env, vendor: Vendor, account: string, linked: string | undefined) {
  const directory = new Directory(env.DIRECTORY)
  const key = accountKey(vendor, account)
  const owner = await directory.tenantForAccount(key)
  if (owner && linked && owner !== linked) {
    throw new ProblemError(
      409,
      `This ${vendor} account is already connected to another cxlens tenant`,
    )
  }
  let tenantId = linked ?? owner
  if (!tenantId) {
    tenantId = newTenantId()
    const name = vendor === 'zendesk' ? `${account}.zendesk.com` : `HubSpot ${account}`
    // The object first, as POST /admin/tenants does; its API key is not shown (rotate it to get one).
    await tenantStub(env, tenantId).init(tenantId, name)
    await directory.addTenant({ tenantId, name, createdAt: new Date().toISOString() })
  }
  if (!(await directory.linkAccount(key, tenantId, new Date().toISOString()))) {
    throw new ProblemError(
      409,
      `This ${vendor} account is already connected to another cxlens tenant`,
    )
  }
  return tenantId
}

function callback(vendor: Vendor) {
  return async (c: Context<AppEnv>) => {
    const { state, verifier } = await checkedState(c, vendor)
    const denied = c.req.query('error')
    if (denied) throw badRequest(`The ${vendor} install was not approved (${denied.slice(0, 100)})`)
    const code = c.req.query('code')
    if (!code) throw badRequest('The callback carries no authorization code')
    const exchanged =
      vendor === 'zendesk'
        ? await exchangeZendesk(c, state, verifier, code)
        : await exchangeHubSpot(c, verifier, code)
    const tenantId = await tenantFor(c.env, vendor, exchanged.account, state.tenantId)
    const tenant = tenantStub(c.env, tenantId)
    const { connectionId, created } = (await tenant.install({
      op: 'connect',
      source: vendor,
      ...exchanged,
    })) as unknown as InstallResults['connect']
    log('info', 'oauth_installed', {
      tenantId,
      connectionId,
      message: `${vendor} ${created ? 'created' : 'renewed'}`,
    })
    if (vendor === 'zendesk' && created) {
      await setUpWebhooks(c, tenant, exchanged)
    }
    await startSession(c, tenantId)
    const installed = (await tenant.listInstallations()).some(
      (i) => i.platform === vendor && i.externalId === exchanged.account,
    )
    if (!installed && vendor === 'hubspot') {
      // A marketplace app: the card's requests are signed with the deployment's client secret.
      await tenant.putInstallation('hubspot', exchanged.account, null)
    }
    if (!installed && vendor === 'zendesk') {
      // The sidebar's JWTs are signed with the app's shared secret, a setting only the admin can
      // type into the Zendesk app: shown here once, kept sealed.
      const sharedSecret = randomSecret()
      await tenant.putInstallation('zendesk', exchanged.account, sharedSecret)
      return c.html(sharedSecretPage(c, exchanged.account, sharedSecret))
    }
    return c.redirect('/connect', 303)
  }
}

/**
 * The Zendesk webhooks and trigger, created with the granted token, their signing secrets sealed in
 * the tenant. Best effort: polling still syncs without them, and the failure is logged.
 */
async function setUpWebhooks(
  c: Context<AppEnv>,
  tenant: ReturnType<typeof tenantStub>,
  exchanged: Exchanged,
): Promise<void> {
  const origin = (c.env.CXLENS_PUBLIC_ORIGIN || new URL(c.req.url).origin).replace(/\/+$/, '')
  try {
    const created = await setUpZendeskWebhooks({
      ...liveTransport,
      baseUrl: exchanged.baseUrl,
      accessToken: exchanged.grant.accessToken,
      endpoint: `${origin}/webhooks/zendesk/${exchanged.account}`,
    })
    for (const { webhookId, signingSecret } of created) {
      await tenant.putWebhookSecret('zendesk', exchanged.account, webhookId, signingSecret)
    }
  } catch (error) {
    log('warn', 'zendesk_webhooks_not_created', {
      message: error instanceof Error ? error.message : 'unknown error',
    })
  }
}

function randomSecret(): string {
  return [...crypto.getRandomValues(new Uint8Array(24))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
}

export const oauth = new Hono<AppEnv>()
  .get('/zendesk/callback', callback('zendesk'))
  .get('/hubspot/callback', callback('hubspot'))
