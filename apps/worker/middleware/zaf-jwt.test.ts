import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { onError } from '../problem.ts'
import { zafJwt, type ZafEnv, type ZafJwtOptions } from './zaf-jwt.ts'

const SECRET = 'zaf-shared-secret-for-tests-0123456789'
const NOW = Date.parse('2026-11-25T12:00:00.000Z')
const NOW_S = NOW / 1000

const b64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
const part = (value: unknown): string => b64url(new TextEncoder().encode(JSON.stringify(value)))

/** RFC 7519 by hand (not the middleware's code): base64url(header).base64url(claims).HMAC. */
async function jwt(
  claims: Record<string, unknown>,
  opts: { secret?: string; header?: Record<string, unknown> } = {},
): Promise<string> {
  const signingInput = `${part(opts.header ?? { typ: 'JWT', alg: 'HS256' })}.${part(claims)}`
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(opts.secret ?? SECRET),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(signingInput))
  return `${signingInput}.${b64url(new Uint8Array(mac))}`
}

const good = (over: Record<string, unknown> = {}) => ({
  iss: 'acme',
  aud: 'cxlens',
  sub: 9001,
  iat: NOW_S - 10,
  exp: NOW_S + 290,
  ...over,
})

function setup(overrides: Partial<ZafJwtOptions> = {}) {
  const seen: Array<{ tenant: unknown; zaf: unknown }> = []
  const resolved: string[] = []
  const app = new Hono<ZafEnv>()
  app.onError(onError)
  app.use(
    '/v1/*',
    zafJwt({
      resolveSecret: (iss) => {
        resolved.push(iss)
        return iss === 'acme' ? { tenantId: 'ten_acme', secret: SECRET } : null
      },
      now: () => NOW,
      ...overrides,
    }),
  )
  app.get('/v1/customers/lookup', (c) => {
    seen.push({ tenant: c.get('tenant') ?? null, zaf: c.get('zaf') ?? null })
    return c.json({ ok: true })
  })
  const call = (token: string | null) =>
    app.request('/v1/customers/lookup?zendesk_user_id=501&account=acme', {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    })
  return { call, seen, resolved }
}

async function expectRefused(res: Response, seen: unknown[], detail?: RegExp) {
  expect(res.status).toBe(401)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const problem = (await res.json()) as { status: number; detail: string }
  expect(problem.status).toBe(401)
  if (detail) expect(problem.detail).toMatch(detail)
  expect(seen).toHaveLength(0)
}

describe('zafJwt', () => {
  it('accepts a token signed with the installation secret and binds its tenant and agent', async () => {
    const { call, seen } = setup()
    const res = await call(await jwt(good()))
    expect(res.status).toBe(200)
    expect(seen).toEqual([
      {
        tenant: { tenantId: 'ten_acme', via: 'zaf_jwt' },
        zaf: { subdomain: 'acme', agentId: '9001' },
      },
    ])
  })

  it("accepts exactly what Zendesk's proxy signs for our app: no iat, no jti", async () => {
    // The sidebar sets iss, aud and sub; the proxy adds exp from `expiry` (VENDOR-FACTS).
    const { call, seen } = setup()
    const res = await call(await jwt({ iss: 'acme', aud: 'cxlens', sub: '9001', exp: NOW_S + 300 }))
    expect(res.status).toBe(200)
    expect(seen).toEqual([
      {
        tenant: { tenantId: 'ten_acme', via: 'zaf_jwt' },
        zaf: { subdomain: 'acme', agentId: '9001' },
      },
    ])
  })

  it('verifies with any shared secret, one that looks like a PEM label included', async () => {
    const secret = 'PUBLIC-PRIVATE-secret'
    const seen: unknown[] = []
    const app = new Hono<ZafEnv>()
    app.onError(onError)
    app.use('/*', zafJwt({ resolveSecret: () => ({ tenantId: 't', secret }), now: () => NOW }))
    app.get('/x', (c) => {
      seen.push(c.get('tenant'))
      return c.text('ok')
    })
    const token = await jwt(good(), { secret })
    const res = await app.request('/x', { headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(200)
    expect(seen).toEqual([{ tenantId: 't', via: 'zaf_jwt' }])
  })

  it('refuses a token signed with another secret', async () => {
    const { call, seen } = setup()
    await expectRefused(
      await call(await jwt(good(), { secret: 'not-the-secret' })),
      seen,
      /signature/,
    )
  })

  it('refuses a token whose claims were changed after signing', async () => {
    const { call, seen } = setup()
    const [h, , s] = (await jwt(good())).split('.')
    await expectRefused(await call(`${h}.${part(good({ sub: 1 }))}.${s}`), seen, /signature/)
  })

  it('refuses alg none, without a signature or with one', async () => {
    const { call, seen, resolved } = setup()
    const unsigned = `${part({ alg: 'none', typ: 'JWT' })}.${part(good())}.`
    await expectRefused(await call(unsigned), seen, /HS256/)
    const relabelled = await jwt(good(), { header: { alg: 'none', typ: 'JWT' } })
    await expectRefused(await call(relabelled), seen, /HS256/)
    expect(resolved).toEqual([])
  })

  it('refuses another algorithm signed with the same secret', async () => {
    const { call, seen } = setup()
    const token = await jwt(good(), { header: { alg: 'HS512', typ: 'JWT' } })
    await expectRefused(await call(token), seen, /HS256/)
  })

  it('refuses an expired token, and tolerates a few seconds of skew', async () => {
    const { call, seen } = setup()
    await expectRefused(
      await call(await jwt(good({ iat: NOW_S - 400, exp: NOW_S - 100 }))),
      seen,
      /expired/,
    )
    expect((await call(await jwt(good({ iat: NOW_S - 310, exp: NOW_S - 10 })))).status).toBe(200)
  })

  it('refuses a token issued in the future or living too long', async () => {
    const { call, seen } = setup()
    await expectRefused(
      await call(await jwt(good({ iat: NOW_S + 600, exp: NOW_S + 900 }))),
      seen,
      /future/,
    )
    await expectRefused(await call(await jwt(good({ exp: NOW_S + 86_400 }))), seen, /lifetime/)
    await expectRefused(
      await call(await jwt(good({ iat: undefined, exp: NOW_S + 86_400 }))),
      seen,
      /lifetime/,
    )
  })

  it('refuses a token without exp or issuer', async () => {
    const { call, seen, resolved } = setup()
    await expectRefused(await call(await jwt(good({ exp: undefined }))), seen, /exp/)
    await expectRefused(await call(await jwt(good({ exp: String(NOW_S + 60) }))), seen, /exp/)
    await expectRefused(await call(await jwt(good({ iss: undefined }))), seen, /issuer/)
    expect(resolved).toEqual([])
  })

  it('refuses the wrong audience', async () => {
    const { call, seen } = setup()
    await expectRefused(await call(await jwt(good({ aud: 'another-app' }))), seen, /audience/)
  })

  it('refuses an unknown issuer like a bad signature, and one signed for another account', async () => {
    const { call, seen, resolved } = setup()
    await expectRefused(await call(await jwt(good({ iss: 'globex' }))), seen, /signature/)
    expect(resolved).toEqual(['globex'])
    // A token for acme's issuer signed with globex's secret proves nothing about acme.
    await expectRefused(await call(await jwt(good(), { secret: 'globex-secret' })), seen)
  })

  it('refuses a missing or malformed bearer, or passes it on when asked to', async () => {
    const strict = setup()
    await expectRefused(await strict.call(null), strict.seen, /Missing/)
    await expectRefused(await strict.call('not.a.jwt!'), strict.seen)
    await expectRefused(await strict.call(`${part({ alg: 'HS256' })}.e30K.x`), strict.seen)
    const lenient = setup({ whenAbsent: 'next' })
    expect((await lenient.call(null)).status).toBe(200)
    expect(lenient.seen).toEqual([{ tenant: null, zaf: null }])
  })
})
