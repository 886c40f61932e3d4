import { describe, expect, it } from 'vitest'
import { TenantStore } from '../../core/store/index.ts'
import { openNodeSqlite } from '../../core/store/node-sqlite.ts'
import { createHttpClient } from '../../core/sync/http.ts'
import { runSlice } from '../../core/sync/run-slice.ts'
import { createOAuthSession } from '../kit/oauth-session.ts'
import type { OAuthTokens } from '../kit/oauth-tokens.ts'
import type { ZendeskCredentials } from './auth.ts'
import { createZendeskConnector } from './index.ts'
import { authorizeUrl, exchangeCode, zendeskRefresher } from './oauth.ts'
import { createZendeskSandbox } from './sandbox/app.ts'
import { DEFAULT_ZENDESK_CLIENT } from './sandbox/oauth.ts'

const BASE = 'http://acme.sandbox.test'
const KINDS = ['ticket', 'person', 'organisation', 'survey_response'] as const

/** Syncs a fresh sandbox (same seed) to its present with `auth`; returns the store's counts. */
async function syncWith(
  makeAuth: (sandbox: ReturnType<typeof createZendeskSandbox>) => Promise<ZendeskCredentials>,
) {
  const sandbox = createZendeskSandbox({ seed: 11, users: 120, tickets: 400 })
  const clock = { now: () => sandbox.state.now(), sleep: async (ms: number) => sandbox.advance(ms) }
  const connector = createZendeskConnector({
    account: 'acme',
    baseUrl: BASE,
    auth: await makeAuth(sandbox),
    pageSize: 50,
  })
  let unauthorized = 0
  const http = createHttpClient({
    fetch: async (url, init) => {
      sandbox.advance(60_000) // each call ages the tokens
      const response = await sandbox.app.request(String(url), init)
      if (response.status === 401) unauthorized++
      return response
    },
    rateBuckets: connector.rateBuckets,
    clock,
  })
  const store = new TenantStore(openNodeSqlite(), { clock })
  store.migrate()
  for (let slice = 0; slice < 200; slice++) {
    const result = await runSlice({
      store,
      connectionId: 'zd',
      connector,
      http,
      options: { maxRequests: 10, maxMillis: 3_600_000, now: clock.now },
    })
    expect(result.errors).toEqual([])
    if (result.done) break
  }
  const counts = Object.fromEntries(KINDS.map((k) => [k, store.countRecords(k)]))
  return { counts, unauthorized, requests: http.stats().total }
}

describe('Zendesk sync on an OAuth session', () => {
  it('survives access tokens expiring mid-sync (the pair rotates) and ends with what an API token sees', async () => {
    const baseline = await syncWith(async (sandbox) => ({
      kind: 'api_token',
      email: sandbox.credentials.email,
      token: sandbox.credentials.apiToken,
    }))
    const saved: OAuthTokens[] = []
    const client = {
      clientId: DEFAULT_ZENDESK_CLIENT.clientId,
      clientSecret: DEFAULT_ZENDESK_CLIENT.clientSecret,
    }
    const redirectUri = DEFAULT_ZENDESK_CLIENT.redirectUris[0]!
    const oauth = await syncWith(async (sandbox) => {
      sandbox.oauth.setAccessTtl(300) // Zendesk's minimum: 5 minutes
      const transport = {
        fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
          sandbox.app.request(String(input), init)) as typeof fetch,
        now: () => sandbox.state.now(),
      }
      const url = authorizeUrl({
        baseUrl: BASE,
        clientId: client.clientId,
        redirectUri,
        scopes: ['read'],
        state: 's',
      })
      const code = (await sandbox.oauth.approve(url)).searchParams.get('code')!
      const tokens = await exchangeCode({ ...transport, baseUrl: BASE, client, code, redirectUri })
      const session = createOAuthSession({
        tokens,
        now: transport.now,
        marginMs: 0,
        refresh: zendeskRefresher({ ...transport, baseUrl: BASE, client }),
        persistTokens: async (next) => void saved.push(next),
      })
      return { kind: 'oauth', session }
    })
    expect(oauth.counts).toEqual(baseline.counts)
    expect(oauth.counts.ticket).toBeGreaterThan(300)
    expect(saved.length).toBeGreaterThanOrEqual(2)
    expect(oauth.unauthorized).toBeGreaterThan(0)
    // Every refresh rotated the pair: no refresh token was handed out twice.
    expect(new Set(saved.map((t) => t.refreshToken)).size).toBe(saved.length)
  }, 120_000)
})
