import { describe, expect, it } from 'vitest'
import { OAuthError } from '../kit/oauth-tokens.ts'
import { authorizeUrl, currentToken, exchangeCode, refreshTokens, revoke } from './oauth.ts'
import { createZendeskSandbox } from './sandbox/app.ts'
import { DEFAULT_ZENDESK_CLIENT } from './sandbox/oauth.ts'

const BASE = 'http://acme.sandbox.test'
const REDIRECT = DEFAULT_ZENDESK_CLIENT.redirectUris[0]!
const client = {
  clientId: DEFAULT_ZENDESK_CLIENT.clientId,
  clientSecret: DEFAULT_ZENDESK_CLIENT.clientSecret,
}

function setup() {
  const sandbox = createZendeskSandbox({ seed: 7, users: 30, tickets: 40 })
  const transport = {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      sandbox.app.request(String(input), init)) as typeof fetch,
    now: () => sandbox.state.now(),
  }
  const consent = async (state = 'st-1', scopes = ['read', 'webhooks:write']) => {
    const url = authorizeUrl({
      baseUrl: BASE,
      clientId: client.clientId,
      redirectUri: REDIRECT,
      scopes,
      state,
    })
    return sandbox.oauth.approve(url)
  }
  const api = (token: string) =>
    sandbox.app.request(`${BASE}/api/v2/incremental/users/cursor.json?start_time=0`, {
      headers: { authorization: `Bearer ${token}` },
    })
  return { sandbox, transport, consent, api }
}

async function rejection(promise: Promise<unknown>): Promise<OAuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(OAuthError)
  return error as OAuthError
}

describe('Zendesk OAuth against the sandbox', () => {
  it('authorize → approve → exchange → API → expiry → refresh (rotating the pair) → API', async () => {
    const { sandbox, transport, consent, api } = setup()
    const callback = await consent('state-42')
    expect(callback.origin + callback.pathname).toBe(REDIRECT)
    expect(callback.searchParams.get('state')).toBe('state-42')
    const code = callback.searchParams.get('code')!

    const tokens = await exchangeCode({
      ...transport,
      baseUrl: BASE,
      client,
      code,
      redirectUri: REDIRECT,
    })
    expect(tokens.scopes).toEqual(['read', 'webhooks:write'])
    expect(tokens.expiresAt).toBe(sandbox.state.now() + 1800_000)
    expect(tokens.refreshToken).toBeTruthy()
    expect((await api(tokens.accessToken)).status).toBe(200)

    sandbox.advance(1800_000)
    const expired = await api(tokens.accessToken)
    expect(expired.status).toBe(401)

    const next = await refreshTokens({
      ...transport,
      baseUrl: BASE,
      client,
      refreshToken: tokens.refreshToken!,
    })
    expect(next.refreshToken).not.toBe(tokens.refreshToken)
    expect(next.scopes).toEqual(tokens.scopes)
    expect((await api(next.accessToken)).status).toBe(200)

    // Rotation: the old refresh token is dead the moment the new pair exists.
    const reused = await rejection(
      refreshTokens({ ...transport, baseUrl: BASE, client, refreshToken: tokens.refreshToken! }),
    )
    expect(reused.code).toBe('invalid_grant')
    expect(reused.needsReconnect).toBe(true)
  })

  it('refuses a code used twice, an expired code, a wrong secret and a form body', async () => {
    const { sandbox, transport, consent } = setup()
    const code = (await consent()).searchParams.get('code')!
    await exchangeCode({ ...transport, baseUrl: BASE, client, code, redirectUri: REDIRECT })
    const twice = await rejection(
      exchangeCode({ ...transport, baseUrl: BASE, client, code, redirectUri: REDIRECT }),
    )
    expect(twice.code).toBe('invalid_grant')

    const late = (await consent()).searchParams.get('code')!
    sandbox.advance(121_000)
    const expired = await rejection(
      exchangeCode({ ...transport, baseUrl: BASE, client, code: late, redirectUri: REDIRECT }),
    )
    expect(expired.code).toBe('invalid_grant')

    const fresh = (await consent()).searchParams.get('code')!
    const badSecret = await rejection(
      exchangeCode({
        ...transport,
        baseUrl: BASE,
        client: { ...client, clientSecret: 'nope' },
        code: fresh,
        redirectUri: REDIRECT,
      }),
    )
    expect(badSecret.code).toBe('invalid_client')

    const form = await sandbox.app.request(`${BASE}/oauth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: fresh,
        client_id: client.clientId,
      }).toString(),
    })
    expect(form.status).toBe(400)
    expect(await form.json()).toMatchObject({ error: 'invalid_request' })
  })

  it('PKCE: the verifier must match the challenge', async () => {
    const { sandbox, transport } = setup()
    const verifier = 'v'.repeat(50)
    const digest = new Uint8Array(
      await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)),
    )
    const challenge = btoa(String.fromCharCode(...digest))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
    const url = authorizeUrl({
      baseUrl: BASE,
      clientId: client.clientId,
      redirectUri: REDIRECT,
      scopes: ['read'],
      state: 's',
      codeChallenge: challenge,
    })
    const code = (await sandbox.oauth.approve(url)).searchParams.get('code')!
    const wrong = await rejection(
      exchangeCode({
        ...transport,
        baseUrl: BASE,
        client,
        code,
        redirectUri: REDIRECT,
        codeVerifier: 'w'.repeat(50),
      }),
    )
    expect(wrong.code).toBe('invalid_grant')
    const code2 = (await sandbox.oauth.approve(url)).searchParams.get('code')!
    const ok = await exchangeCode({
      ...transport,
      baseUrl: BASE,
      client,
      code: code2,
      redirectUri: REDIRECT,
      codeVerifier: verifier,
    })
    expect(ok.accessToken).toBeTruthy()
  })

  it('the consent page validates the client, redirect URI and scopes; Deny redirects with access_denied', async () => {
    const { sandbox } = setup()
    const base = {
      baseUrl: BASE,
      clientId: client.clientId,
      redirectUri: REDIRECT,
      scopes: ['read'],
      state: 's',
    }
    const page = (url: string) => sandbox.app.request(url)
    expect((await page(authorizeUrl({ ...base, clientId: 'zdg-unknown' }))).status).toBe(400)
    expect(
      (await page(authorizeUrl({ ...base, redirectUri: 'https://evil.example/cb' }))).status,
    ).toBe(400)
    const scope = await page(authorizeUrl({ ...base, scopes: ['read', 'superpowers'] }))
    expect(scope.status).toBe(400)
    expect(await scope.json()).toMatchObject({ error: 'invalid_scope' })
    const denied = await sandbox.oauth.approve(authorizeUrl(base), 'deny')
    expect(denied.searchParams.get('error')).toBe('access_denied')
    expect(denied.searchParams.get('code')).toBeNull()
  })

  it('scopes are enforced: a read token cannot create a webhook', async () => {
    const { sandbox, transport, consent } = setup()
    const code = (await consent('s', ['read'])).searchParams.get('code')!
    const tokens = await exchangeCode({
      ...transport,
      baseUrl: BASE,
      client,
      code,
      redirectUri: REDIRECT,
    })
    const post = await sandbox.app.request(`${BASE}/api/v2/webhooks`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.accessToken}`,
        'content-type': 'application/json',
      },
      body: '{}',
    })
    expect(post.status).toBe(403)
  })

  it('revoke by id (read from current.json) → API 401 and refresh invalid_grant', async () => {
    const { transport, consent, api } = setup()
    const code = (await consent()).searchParams.get('code')!
    const tokens = await exchangeCode({
      ...transport,
      baseUrl: BASE,
      client,
      code,
      redirectUri: REDIRECT,
    })
    const record = await currentToken({
      ...transport,
      baseUrl: BASE,
      accessToken: tokens.accessToken,
    })
    expect(record.scopes).toEqual(tokens.scopes)
    await revoke({ ...transport, baseUrl: BASE, accessToken: tokens.accessToken })
    expect((await api(tokens.accessToken)).status).toBe(401)
    const refused = await rejection(
      refreshTokens({ ...transport, baseUrl: BASE, client, refreshToken: tokens.refreshToken! }),
    )
    expect(refused.code).toBe('invalid_grant')
  })

  it('a network failure is typed as network', async () => {
    const failing = (() => Promise.reject(new TypeError('connection reset'))) as typeof fetch
    const error = await rejection(
      refreshTokens({ fetch: failing, baseUrl: BASE, client, refreshToken: 'x' }),
    )
    expect(error.code).toBe('network')
  })
})
