import { describe, expect, it } from 'vitest'
import { revokeStoredAuth } from '../../connectors/index.ts'
import { hubspotOAuth } from '../../connectors/hubspot/index.ts'
import { createHubSpotSandbox } from '../../connectors/hubspot/sandbox/app.ts'
import { DEFAULT_HUBSPOT_CLIENT } from '../../connectors/hubspot/sandbox/oauth.ts'

const API = 'https://api.hubapi-revoke.test'
const client = {
  clientId: DEFAULT_HUBSPOT_CLIENT.clientId,
  clientSecret: DEFAULT_HUBSPOT_CLIENT.clientSecret,
}

async function hubspotGrant() {
  const sandbox = createHubSpotSandbox({ seed: 3, asOf: Date.now(), now: () => Date.now() })
  const fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
    sandbox.app.request(String(input), init)) as typeof globalThis.fetch
  const redirectUri = DEFAULT_HUBSPOT_CLIENT.redirectUris[0]!
  const url = hubspotOAuth.authorizeUrl({
    appBaseUrl: API,
    clientId: client.clientId,
    redirectUri,
    scopes: hubspotOAuth.HUBSPOT_REQUIRED_SCOPES,
    state: 's',
  })
  const code = (await sandbox.oauth.approve(url)).searchParams.get('code')!
  const tokens = await hubspotOAuth.exchangeCode({
    fetch,
    apiBaseUrl: API,
    client,
    code,
    redirectUri,
  })
  return { fetch, tokens }
}

describe('revokeStoredAuth', () => {
  it('revokes a HubSpot grant by its refresh token: the sandbox then refuses a refresh', async () => {
    const { fetch, tokens } = await hubspotGrant()
    // A stored grant (whatever its kind is called) carries its tokens; that is all revoke reads.
    const stored = {
      kind: 'oauth',
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
    }
    const outcome = await revokeStoredAuth('hubspot', stored, {
      baseUrl: API,
      fetch,
      hubspotClient: client,
    })
    expect(outcome).toBe('revoked')
    await expect(
      hubspotOAuth.refreshTokens({
        fetch,
        apiBaseUrl: API,
        client,
        refreshToken: tokens.refreshToken!,
      }),
    ).rejects.toMatchObject({ code: 'invalid_grant' })
    // Revoking again is still `revoked` (RFC 7009: an unknown token answers 200).
    expect(
      await revokeStoredAuth('hubspot', stored, { baseUrl: API, fetch, hubspotClient: client }),
    ).toBe('revoked')
  })

  it('is a no-op for API and private app tokens, and says so without a HubSpot client', async () => {
    const never = (() => {
      throw new Error('no call expected')
    }) as unknown as typeof fetch
    const deps = { baseUrl: API, fetch: never, hubspotClient: client }
    const apiToken = { kind: 'api_token', email: 'ops@acme.example', token: 'zd-token' }
    expect(await revokeStoredAuth('zendesk', apiToken, deps)).toBe('not_oauth')
    expect(await revokeStoredAuth('hubspot', { kind: 'private_app', token: 'pat' }, deps)).toBe(
      'not_oauth',
    )
    const grant = { kind: 'oauth', accessToken: 'a', refreshToken: 'r' }
    expect(await revokeStoredAuth('hubspot', grant, { ...deps, hubspotClient: null })).toBe(
      'no_client',
    )
  })
})
