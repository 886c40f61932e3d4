import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoApp as app } from '../../apps/demo/app.ts'
import { app as production } from '../../apps/worker/app.ts'
import type { CustomerView } from '../../core/model/index.ts'
import {
  createStandinClient,
  type StandinConfig,
} from '../../apps/zendesk-sidebar/preview/zaf-standin.ts'
import { admin, createTenant, uniqueSubdomain } from './http.ts'
import { install } from './outbound.ts'
import { npsRecord, personRecord, ref, seed, ticketRecord } from './seed.ts'

const SECRET = 'preview-secret-0123456789abcdef-workers'
const sub = uniqueSubdomain('preview')
const portal = String(400_000_000 + Math.floor(Math.random() * 1_000_000))
let tenantId: string

/** The worker with extra variables, as `wrangler dev --var` would give them. */
async function request(path: string, vars: Partial<Env>, init: RequestInit = {}) {
  const ctx = createExecutionContext()
  const res = await app.fetch(
    new Request(`https://cxlens.test${path}`, init),
    { ...env, ...vars },
    ctx,
  )
  await waitOnExecutionContext(ctx)
  return res
}
const on = { CXLENS_PREVIEW_SECRET: SECRET, CXLENS_PREVIEW_SUBDOMAIN: sub }

const zd = (object: string, id: string) => ref('zendesk', sub, object, id)

beforeAll(async () => {
  install()
  tenantId = (await createTenant('Preview')).tenantId
  const installed = await admin('PUT', `/admin/tenants/${tenantId}/installations/zendesk`, {
    subdomain: sub,
    sharedSecret: SECRET,
  })
  expect(installed.status, installed.text).toBe(200)
  await seed(tenantId, { source: 'zendesk', account: sub }, [
    // Listed last: no friction, no NPS.
    personRecord(zd('user', '11'), 'dan@d.example', 'Dan'),
    // Friction only: an open ticket whose first reply took 1000 minutes.
    personRecord(zd('user', '12'), 'bruno@b.example', 'Bruno'),
    ticketRecord(zd('ticket', '120'), zd('user', '12'), { firstReplyMinutes: 1000, replies: 2 }),
    // NPS only: a promoter.
    personRecord(zd('user', '13'), 'chloe@c.example', 'Chloé'),
    npsRecord(zd('survey_response', '130'), zd('user', '13'), 9),
    // Friction and NPS: a detractor, listed first.
    personRecord(zd('user', '14'), 'ana@a.example', 'Ana'),
    npsRecord(zd('survey_response', '140'), zd('user', '14'), 2),
  ])
  // A customer with no Zendesk user of the subdomain has no place in a Zendesk sidebar.
  await seed(tenantId, { source: 'hubspot', account: portal }, [
    personRecord(ref('hubspot', portal, 'contact', '1'), 'eve@e.example', 'Eve'),
    npsRecord(
      ref('hubspot', portal, 'feedback_submission', '9'),
      ref('hubspot', portal, 'contact', '1'),
      1,
    ),
  ])
})

const options = (page: string) =>
  [...page.matchAll(/<option value="(\d+)"[^>]*>([^<]*\(#\d+\))<\/option>/g)].map((m) => ({
    user: m[1],
    label: m[2],
  }))

describe('/preview on the worker', () => {
  it("lists the tenant's Zendesk customers, friction with NPS first, with a hint each", async () => {
    const res = await request('/preview', on)
    expect(res.status).toBe(200)
    const page = await res.text()
    const picker = options(page)
    expect(picker.map((o) => o.user)).toEqual(['14', '12', '13', '11'])
    expect(picker[0]!.label).toMatch(/^Ana · detractor · \d+ open friction \(#14\)$/)
    expect(picker[1]!.label).toMatch(/^Bruno · \d+ open friction · 1 open tickets \(#12\)$/)
    expect(picker[2]!.label).toBe('Chloé · promoter (#13)')
    expect(picker[3]!.label).toBe('Dan (#11)')
    expect(page).not.toMatch(/>Eve\b/)
    expect(page).not.toContain(SECRET)
    // The first customer is the one shown.
    expect(page).toMatch(/src="\/preview\/frame\?[^"]*user=14"/)
  })

  it("signs tokens that read the picked customer through the sidebar's own lookup", async () => {
    const signed = await request('/preview/token', on, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ claims: { iss: sub, aud: 'cxlens', sub: '900001' }, expiry: 300 }),
    })
    expect(signed.status).toBe(200)
    const { token } = (await signed.json()) as { token: string }
    const lookup = await request(`/v1/customers/lookup?zendesk_user_id=14&account=${sub}`, on, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(lookup.status).toBe(200)
    const view = (await lookup.json()) as CustomerView
    expect(view.customer.displayName).toBe('Ana')
    expect(view.nps.latest).toMatchObject({ score: 2, category: 'detractor' })
    // A forged signature is refused by the same check.
    const forged = await request(`/v1/customers/lookup?zendesk_user_id=14&account=${sub}`, on, {
      headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` },
    })
    expect(forged.status).toBe(401)
  })

  it('serves the frame for the picked customer and the demo subdomain', async () => {
    const res = await request('/preview/frame?user=12', on)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain(`"subdomain":"${sub}"`)
    expect(page).toContain('"zendeskUserId":"12"')
  })

  it("lists nobody unless the subdomain was installed with the preview's secret", async () => {
    const other = await request('/preview', { ...on, CXLENS_PREVIEW_SECRET: `${SECRET}-other` })
    expect(other.status).toBe(404)
    expect(await other.text()).not.toContain('Ana')
    const unknown = await request('/preview', { ...on, CXLENS_PREVIEW_SUBDOMAIN: 'nobody-here' })
    expect(unknown.status).toBe(404)
  })

  it('does not exist without CXLENS_PREVIEW_SECRET', async () => {
    for (const [path, init] of [
      ['/preview', {}],
      ['/preview/frame?user=14', {}],
      ['/preview/token', { method: 'POST', body: '{}' }],
    ] as const) {
      const res = await request(
        path,
        { CXLENS_PREVIEW_SECRET: '', CXLENS_PREVIEW_SUBDOMAIN: sub },
        init,
      )
      expect(res.status, path).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
    }
  })

  it('is not part of the production worker, even with a preview secret', async () => {
    for (const path of ['/preview', '/preview/frame?user=14']) {
      const ctx = createExecutionContext()
      const res = await production.fetch(
        new Request(`https://cxlens.test${path}`),
        { ...env, ...on },
        ctx,
      )
      await waitOnExecutionContext(ctx)
      expect(res.status, path).toBe(404)
      expect(await res.text()).not.toContain('Ana')
    }
  })
})

/** The stand-in client of a frame, its requests sent to the demo worker and recorded. */
function standin(over: Partial<StandinConfig> = {}) {
  const sent: Array<{ path: string; headers: Record<string, string> }> = []
  const config: StandinConfig = {
    subdomain: sub,
    location: 'ticket_sidebar',
    agentId: '900001',
    locale: 'en',
    apiUrl: 'https://cxlens.test',
    zendeskUserId: '14',
    tokenUrl: 'https://cxlens.test/preview/token',
    manifest: {
      domainWhitelist: ['cxlens.test'],
      parameters: [
        { name: 'api_url' },
        { name: 'shared_secret', secure: true, scopes: ['jwt_secret_key'] },
      ],
    },
    ...over,
  }
  const send = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input))
    const headers: Record<string, string> = {}
    new Headers(init?.headers).forEach((value, name) => (headers[name] = value))
    sent.push({ path: url.pathname, headers })
    return request(url.pathname + url.search, on, init)
  }
  const client = createStandinClient(config, send as typeof fetch)
  return { client, sent }
}

const lookupUrl = () => `https://cxlens.test/v1/customers/lookup?zendesk_user_id=14&account=${sub}`
const jwtOption = (secretKey = '{{setting.shared_secret}}') => ({
  algorithm: 'HS256',
  secret_key: secretKey,
  expiry: 300,
  claims: { iss: sub, aud: 'cxlens', sub: '900001' },
})
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  )
const payloadOf = (authorization: string) =>
  JSON.parse(atob(authorization.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))

describe("the preview's stand-in ZAF client, strict like Zendesk's proxy", () => {
  it('puts the signed JWT where the request placed {{jwt.token}}: the claims set, plus exp', async () => {
    const { client, sent } = standin()
    const before = Math.floor(Date.now() / 1000)
    const view = (await client.request({
      url: lookupUrl(),
      type: 'GET',
      secure: true,
      headers: { Authorization: 'Bearer {{jwt.token}}' },
      jwt: jwtOption(),
    })) as CustomerView
    expect(view.customer.displayName).toBe('Ana')
    const lookup = sent.at(-1)!
    expect(Object.keys(lookup.headers)).toEqual(['authorization'])
    const claims = payloadOf(lookup.headers.authorization!)
    expect(Object.keys(claims).sort()).toEqual(['aud', 'exp', 'iss', 'sub'])
    expect(claims.exp - before).toBeGreaterThanOrEqual(299)
    expect(claims.exp - before).toBeLessThanOrEqual(301)
  })

  it('sends no Authorization header the request did not ask for: the worker refuses it', async () => {
    const { client, sent } = standin()
    const failure = await refusal(
      client.request({ url: lookupUrl(), type: 'GET', secure: true, jwt: jwtOption() }),
    )
    expect(failure).toMatchObject({ status: 401 })
    // No token was even asked for: only the lookup left, bare.
    expect(sent).toEqual([{ path: '/v1/customers/lookup', headers: {} }])
  })

  it('fills nothing in a request that is not secure', async () => {
    const { client, sent } = standin()
    const failure = await refusal(
      client.request({
        url: lookupUrl(),
        type: 'GET',
        secure: false,
        headers: { Authorization: 'Bearer {{jwt.token}}' },
        jwt: jwtOption(),
      }),
    )
    expect(failure).toMatchObject({ status: 401 })
    expect(sent).toHaveLength(1)
    expect(sent[0]!.headers).toEqual({ authorization: 'Bearer {{jwt.token}}' })
  })

  it('refuses, sending nothing, a secure request the proxy would not carry', async () => {
    const header = { Authorization: 'Bearer {{jwt.token}}' }
    const cases: Array<[string, Parameters<ReturnType<typeof standin>['client']['request']>[0]]> = [
      [
        'domainWhitelist',
        { url: 'https://elsewhere.test/v1/x', secure: true, headers: header, jwt: jwtOption() },
      ],
      [
        'underscore',
        { url: lookupUrl(), secure: true, headers: { ...header, x_tenant: '1' }, jwt: jwtOption() },
      ],
      [
        'setting.shared_secret',
        { url: lookupUrl(), secure: true, headers: { 'x-key': '{{setting.shared_secret}}' } },
      ],
      [
        'jwt_secret_key',
        { url: lookupUrl(), secure: true, headers: header, jwt: jwtOption('{{setting.api_url}}') },
      ],
      ['no jwt option', { url: lookupUrl(), secure: true, headers: header }],
    ]
    for (const [reason, options] of cases) {
      const { client, sent } = standin()
      const failure = await refusal(client.request(options))
      expect(failure, reason).toMatchObject({
        status: 0,
        statusText: expect.stringContaining(reason),
      })
      expect(sent, reason).toEqual([])
    }
  })

  it("is configured by the frame with the app's manifest packaged for the API's host", async () => {
    const page = await (await request('/preview/frame?user=14', on)).text()
    expect(page).toContain('"domainWhitelist":["cxlens.test"]')
    expect(page).toContain('"name":"shared_secret","type":"text","required":true,"secure":true')
  })
})
