import { describe, expect, it } from 'vitest'
import {
  HUBSPOT_REQUIRED_SCOPES,
  authorizeUrl as hubspotAuthorizeUrl,
  exchangeCode as hubspotExchange,
  refreshTokens as hubspotRefresh,
} from '../../connectors/hubspot/oauth.ts'
import { createHubSpotSandbox } from '../../connectors/hubspot/sandbox/app.ts'
import { DEFAULT_HUBSPOT_CLIENT } from '../../connectors/hubspot/sandbox/oauth.ts'
import {
  authorizeUrl as zendeskAuthorizeUrl,
  exchangeCode as zendeskExchange,
  refreshTokens as zendeskRefresh,
} from '../../connectors/zendesk/oauth.ts'
import { createZendeskSandbox } from '../../connectors/zendesk/sandbox/app.ts'
import { DEFAULT_ZENDESK_CLIENT } from '../../connectors/zendesk/sandbox/oauth.ts'

// The OAuth clients (oauth4webapi + WebCrypto) run in workerd, where the worker will call them.
describe('OAuth clients in workerd', () => {
  it('Zendesk: exchange and a rotating refresh', async () => {
    const sandbox = createZendeskSandbox({ seed: 2, users: 10, tickets: 10, years: 1 })
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      sandbox.app.request(String(input), init)) as typeof globalThis.fetch
    const base = 'http://acme.sandbox.test'
    const client = {
      clientId: DEFAULT_ZENDESK_CLIENT.clientId,
      clientSecret: DEFAULT_ZENDESK_CLIENT.clientSecret,
    }
    const redirectUri = DEFAULT_ZENDESK_CLIENT.redirectUris[0]!
    const url = zendeskAuthorizeUrl({
      baseUrl: base,
      clientId: client.clientId,
      redirectUri,
      scopes: ['read'],
      state: 's',
    })
    const code = (await sandbox.oauth.approve(url)).searchParams.get('code')!
    const tokens = await zendeskExchange({ fetch, baseUrl: base, client, code, redirectUri })
    const next = await zendeskRefresh({
      fetch,
      baseUrl: base,
      client,
      refreshToken: tokens.refreshToken!,
    })
    expect(next.refreshToken).not.toBe(tokens.refreshToken)
  })

  it('HubSpot: exchange (with introspection) and refresh', async () => {
    const sandbox = createHubSpotSandbox({ seed: 2 })
    const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
      sandbox.app.request(String(input), init)) as typeof globalThis.fetch
    const api = 'http://api.hubapi.test'
    const client = {
      clientId: DEFAULT_HUBSPOT_CLIENT.clientId,
      clientSecret: DEFAULT_HUBSPOT_CLIENT.clientSecret,
    }
    const redirectUri = DEFAULT_HUBSPOT_CLIENT.redirectUris[0]!
    const url = hubspotAuthorizeUrl({
      appBaseUrl: api,
      clientId: client.clientId,
      redirectUri,
      scopes: HUBSPOT_REQUIRED_SCOPES,
      state: 's',
    })
    const code = (await sandbox.oauth.approve(url)).searchParams.get('code')!
    const tokens = await hubspotExchange({ fetch, apiBaseUrl: api, client, code, redirectUri })
    expect(tokens.hubId).toBe(sandbox.portalId)
    const next = await hubspotRefresh({
      fetch,
      apiBaseUrl: api,
      client,
      refreshToken: tokens.refreshToken!,
    })
    expect(next.accessToken).not.toBe(tokens.accessToken)
  })
})
