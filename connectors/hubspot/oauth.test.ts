import { describe, expect, it } from 'vitest'
import { TenantStore } from '../../core/store/index.ts'
import { openNodeSqlite } from '../../core/store/node-sqlite.ts'
import { createHttpClient } from '../../core/sync/http.ts'
import { runSlice } from '../../core/sync/run-slice.ts'
import { createOAuthSession } from '../kit/oauth-session.ts'
import { OAuthError, type OAuthTokens } from '../kit/oauth-tokens.ts'
import { createHubSpotConnector } from './connector.ts'
import {
  HUBSPOT_OPTIONAL_SCOPES,
  HUBSPOT_REQUIRED_SCOPES,
  authorizeUrl,
  exchangeCode,
  introspect,
  refreshTokens,
  revoke,
} from './oauth.ts'
import { type HubSpotSandboxOptions, createHubSpotSandbox } from './sandbox/app.ts'
import { DEFAULT_AS_OF } from './sandbox/generate.ts'
import { DEFAULT_HUBSPOT_CLIENT } from './sandbox/oauth.ts'

const API = 'http://api.hubapi.test'
const REDIRECT = DEFAULT_HUBSPOT_CLIENT.redirectUris[0]!
const client = {
  clientId: DEFAULT_HUBSPOT_CLIENT.clientId,
  clientSecret: DEFAULT_HUBSPOT_CLIENT.clientSecret,
}

function setup(options: HubSpotSandboxOptions = {}) {
  let now = DEFAULT_AS_OF + 86_400_000
  const clock = {
    now: () => now,
    sleep: async (ms: number) => void (now += ms),
    advance: (ms: number) => void (now += ms),
  }
  const sandbox = createHubSpotSandbox({ now: clock.now, ...options })
  const transport = {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      sandbox.app.request(String(input), init)) as typeof fetch,
    now: clock.now,
    appBaseUrl: API,
    apiBaseUrl: API,
  }
  const install = async (state = 'st') => {
    const url = authorizeUrl({
      appBaseUrl: API,
      clientId: client.clientId,
      redirectUri: REDIRECT,
      scopes: HUBSPOT_REQUIRED_SCOPES,
      optionalScopes: HUBSPOT_OPTIONAL_SCOPES,
      state,
    })
    const callback = await sandbox.oauth.approve(url)
    expect(callback.searchParams.get('state')).toBe(state)
    return exchangeCode({
      ...transport,
      client,
      code: callback.searchParams.get('code')!,
      redirectUri: REDIRECT,
    })
  }
  const api = (token: string) =>
    sandbox.app.request(`${API}/crm/v3/objects/contacts?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    })
  return { sandbox, clock, transport, install, api }
}

async function rejection(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(OAuthError)
  return error as OAuthError
}

describe('HubSpot OAuth against the sandbox', () => {
  it('install → exchange (+ introspect) → API → expiry (401 EXPIRED_AUTHENTICATION) → refresh → API', async () => {
    const { sandbox, clock, transport, install, api } = setup()
    const tokens = await install()
    expect(tokens.hubId).toBe(sandbox.portalId)
    expect(tokens.scopes.sort()).toEqual(
      [...HUBSPOT_REQUIRED_SCOPES, ...HUBSPOT_OPTIONAL_SCOPES].sort(),
    )
    expect(tokens.expiresAt).toBe(clock.now() + 1800_000)
    expect((await api(tokens.accessToken)).status).toBe(200)

    clock.advance(1800_000)
    const expired = await api(tokens.accessToken)
    expect(expired.status).toBe(401)
    expect(await expired.json()).toMatchObject({
      status: 'error',
      category: 'EXPIRED_AUTHENTICATION',
    })

    const next = await refreshTokens({
      ...transport,
      client,
      refreshToken: tokens.refreshToken!,
      scopes: tokens.scopes,
    })
    expect(next.scopes).toEqual(tokens.scopes)
    expect((await api(next.accessToken)).status).toBe(200)
  })

  it('refuses a reused code, a JSON body and a wrong secret', async () => {
    const { sandbox, transport } = setup()
    const url = authorizeUrl({
      appBaseUrl: API,
      clientId: client.clientId,
      redirectUri: REDIRECT,
      scopes: HUBSPOT_REQUIRED_SCOPES,
      state: 's',
    })
    const code = (await sandbox.oauth.approve(url)).searchParams.get('code')!
    await exchangeCode({ ...transport, client, code, redirectUri: REDIRECT })
    const again = await rejection(
      exchangeCode({ ...transport, client, code, redirectUri: REDIRECT }),
    )
    expect(again.code).toBe('invalid_grant')

    const json = await sandbox.app.request(`${API}/oauth/2026-03/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', client_id: client.clientId }),
    })
    expect(json.status).toBe(400)
    const wrong = await rejection(
      refreshTokens({
        ...transport,
        client: { ...client, clientSecret: 'nope' },
        refreshToken: 'x',
      }),
    )
    expect(wrong.code).toBe('invalid_client')
  })

  it('the install page insists on every required scope', async () => {
    const { sandbox } = setup()
    const url = authorizeUrl({
      appBaseUrl: API,
      clientId: client.clientId,
      redirectUri: REDIRECT,
      scopes: ['oauth', 'tickets'],
      state: 's',
    })
    expect((await sandbox.app.request(url)).status).toBe(400)
  })

  it('revoke the refresh token → introspect inactive, API 401, refresh invalid_grant', async () => {
    const { transport, install, api } = setup()
    const tokens = await install()
    await revoke({ ...transport, client, token: tokens.refreshToken! })
    const info = await introspect({ ...transport, client, token: tokens.accessToken })
    expect(info.active).toBe(false)
    expect((await api(tokens.accessToken)).status).toBe(401)
    const refused = await rejection(
      refreshTokens({ ...transport, client, refreshToken: tokens.refreshToken! }),
    )
    expect(refused.code).toBe('invalid_grant')
    expect(refused.needsReconnect).toBe(true)
  })

  it('a portal without the feedback scope: the feedback stream is skipped with a reason', async () => {
    const { install } = setup({
      oauth: { unavailableScopes: ['crm.objects.feedback_submissions.read'] },
    })
    const tokens = await install()
    expect(tokens.scopes).not.toContain('crm.objects.feedback_submissions.read')
    const session = createOAuthSession({
      tokens,
      refresh: async () => tokens,
      persistTokens: async () => {},
    })
    const connector = createHubSpotConnector({
      account: tokens.hubId,
      baseUrl: API,
      auth: { kind: 'oauth', session },
    })
    expect(connector.streams.map((s) => s.name)).not.toContain('feedback_submissions')
    expect(connector.skippedStreams).toEqual([
      expect.objectContaining({
        stream: 'feedback_submissions',
        missingScopes: ['crm.objects.feedback_submissions.read'],
      }),
    ])
  })

  it('tokens expiring mid-sync are refreshed (ahead of time and after a 401) and nothing is lost', async () => {
    const { sandbox, clock, transport, install } = setup({ oauth: { accessTtlSeconds: 90 } })
    const first = await install()
    const saved: OAuthTokens[] = []
    let refreshCalls = 0
    const session = createOAuthSession({
      tokens: first,
      now: clock.now,
      marginMs: 0, // no margin: some calls race the expiry and meet a 401 first
      refresh: (current) => {
        refreshCalls++
        return refreshTokens({
          ...transport,
          client,
          refreshToken: current.refreshToken!,
          scopes: current.scopes,
        })
      },
      persistTokens: async (tokens) => void saved.push(tokens),
    })
    const connector = createHubSpotConnector({
      account: first.hubId,
      baseUrl: API,
      auth: { kind: 'oauth', session },
    })
    let unauthorized = 0
    const http = createHttpClient({
      fetch: async (url, init) => {
        clock.advance(12_000) // each call takes time: tokens age during the sync
        const response = await sandbox.app.request(String(url), init)
        if (response.status === 401) unauthorized++
        return response
      },
      rateBuckets: connector.rateBuckets,
      clock,
    })
    const store = new TenantStore(openNodeSqlite(), { clock })
    store.migrate()
    const startedAt = clock.now()
    for (let slices = 0; slices < 80; slices++) {
      const result = await runSlice({
        store,
        connectionId: 'hs',
        connector,
        http,
        options: { maxRequests: 10, maxMillis: 600_000, now: clock.now },
      })
      expect(result.errors).toEqual([])
      if (result.done) break
    }
    // The sync outlives two 90 s tokens (inline associations keep its request count low).
    expect(clock.now() - startedAt).toBeGreaterThan(2 * 90_000)
    expect(refreshCalls).toBeGreaterThanOrEqual(2)
    expect(unauthorized).toBeGreaterThan(0)
    expect(saved).toHaveLength(refreshCalls)
    expect(saved.at(-1)!.accessToken).toBe(session.tokens().accessToken)

    const truth = sandbox.groundTruth()
    const erased = (type: 'tickets' | 'feedback_submissions') =>
      new Set(truth.privacyDeleted.flatMap((id) => truth.associations('contacts', id, type)))
    const kept = (type: 'tickets' | 'feedback_submissions', ids: string[]) =>
      ids.filter((id) => !erased(type).has(id)).length
    expect(store.countRecords('ticket')).toBe(
      kept('tickets', truth.live.tickets) + truth.archived.tickets.length,
    )
    expect(store.countRecords('survey_response')).toBe(
      kept('feedback_submissions', truth.live.feedback_submissions),
    )
    expect(store.countRecords('organisation')).toBe(truth.live.companies.length)
    expect(store.listQuarantine({ connectionId: 'hs' })).toEqual([])
  }, 60_000)
})
