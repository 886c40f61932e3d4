import { exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { issueSession, SESSION_SECONDS } from '../../apps/worker/console/session.ts'
import { ADMIN_TOKEN, admin, createTenant } from './http.ts'

const ORIGIN = 'https://cxlens.test'

async function send(method: string, path: string, init: RequestInit = {}, origin = ORIGIN) {
  return exports.default.fetch(
    new Request(`${origin}${path}`, { method, redirect: 'manual', ...init }),
  )
}

const form = (fields: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

/** Signs in through the form and returns the `name=value` of the session cookie. */
async function signIn(): Promise<string> {
  const res = await send('POST', '/admin/session', form({ token: ADMIN_TOKEN }))
  expect(res.status).toBe(303)
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('cxlens_admin='))
  expect(cookie).toBeDefined()
  return cookie!.split(';')[0]!
}

const sameOrigin = { origin: ORIGIN, 'sec-fetch-site': 'same-origin' }

describe('admin console sign-in', () => {
  it('shows the sign-in form without a session, and sets no cookie', async () => {
    const res = await send('GET', '/admin', { headers: { 'accept-language': 'en-US,en;q=0.9' } })
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('<form method="post" action="/admin/session">')
    expect(page).toContain('type="password"')
    expect(page).not.toContain('id="cx-console"')
    expect(res.headers.getSetCookie()).toEqual([])
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
  })

  it('refuses a wrong token: the sign-in page again with the error, 401, no cookie', async () => {
    const res = await send(
      'POST',
      '/admin/session',
      form({ token: 'not-the-admin-token', lang: 'en' }),
    )
    expect(res.status).toBe(401)
    expect(await res.text()).toContain('That token is not this deployment’s admin token.')
    expect(res.headers.getSetCookie()).toEqual([])

    const json = await send('POST', '/admin/session', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: 'not-the-admin-token' }),
    })
    expect(json.status).toBe(401)
    expect(json.headers.get('content-type')).toContain('application/problem+json')
    expect(json.headers.getSetCookie()).toEqual([])
  })

  it('refuses a body without a token as a 400 problem', async () => {
    const res = await send('POST', '/admin/session', {
      headers: { 'content-type': 'text/plain' },
      body: ADMIN_TOKEN,
    })
    expect(res.status).toBe(400)
    expect(res.headers.getSetCookie()).toEqual([])
  })

  it('exchanges the right token for an HttpOnly, SameSite=Strict, Secure cookie on /admin', async () => {
    const res = await send('POST', '/admin/session', form({ token: ADMIN_TOKEN, lang: 'fr' }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/admin?lang=fr')
    const [cookie] = res.headers.getSetCookie().filter((c) => c.startsWith('cxlens_admin='))
    const attributes = cookie!.split(';').map((a) => a.trim().toLowerCase())
    expect(attributes).toContain('httponly')
    expect(attributes).toContain('samesite=strict')
    expect(attributes).toContain('secure')
    expect(attributes).toContain('path=/admin')
    expect(attributes).toContain(`max-age=${SESSION_SECONDS}`)
    expect(cookie).not.toContain(ADMIN_TOKEN)
  })

  it('leaves Secure off on plain http (wrangler dev on loopback)', async () => {
    const res = await send(
      'POST',
      '/admin/session',
      form({ token: ADMIN_TOKEN }),
      'http://127.0.0.1:8787',
    )
    const [cookie] = res.headers.getSetCookie()
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie!.toLowerCase()).not.toContain('secure')
  })

  it('serves the console to a session, in the language asked for', async () => {
    const cookie = await signIn()
    const fr = await send('GET', '/admin', {
      headers: { cookie, 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' },
    })
    expect(fr.status).toBe(200)
    const page = await fr.text()
    expect(page).toContain('<html lang="fr">')
    expect(page).toContain('id="cx-console"')
    expect(page).toContain('src="/admin/console/app.js"')
    expect(page).not.toContain(ADMIN_TOKEN)
    const en = await send('GET', '/admin?lang=en', { headers: { cookie, 'accept-language': 'fr' } })
    expect(await en.text()).toContain('<html lang="en">')

    const js = await send('GET', '/admin/console/app.js')
    expect(js.headers.get('content-type')).toContain('text/javascript')
    expect((await js.text()).length).toBeGreaterThan(10_000)
  })
})

describe('the admin API with the console session', () => {
  it('reads with the cookie alone', async () => {
    const cookie = await signIn()
    const res = await send('GET', '/admin/tenants', { headers: { cookie } })
    expect(res.status).toBe(200)
    expect(await res.json()).toHaveProperty('tenants')
  })

  it('refuses a cross-site write carrying the cookie, and changes nothing', async () => {
    const cookie = await signIn()
    const { tenantId } = await createTenant('Before')
    const attempts: Array<Record<string, string>> = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { 'sec-fetch-site': 'same-site' },
      {},
    ]
    for (const headers of attempts) {
      const res = await send('PATCH', `/admin/tenants/${tenantId}`, {
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'Hijacked' }),
      })
      expect(res.status, JSON.stringify(headers)).toBe(403)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
    }
    const status = await admin('GET', `/admin/tenants/${tenantId}/status`)
    expect(status.json?.name).toBe('Before')
  })

  it('writes from the console’s own origin', async () => {
    const cookie = await signIn()
    const { tenantId } = await createTenant('Before')
    const res = await send('PATCH', `/admin/tenants/${tenantId}`, {
      headers: { cookie, 'content-type': 'application/json', ...sameOrigin },
      body: JSON.stringify({ name: 'Renamed' }),
    })
    expect(res.status).toBe(200)
    const status = await admin('GET', `/admin/tenants/${tenantId}/status`)
    expect(status.json?.name).toBe('Renamed')
  })

  it('refuses tampered, expired and foreign session values', async () => {
    const cookie = await signIn()
    const value = cookie.slice('cxlens_admin='.length)
    const flipped = value.slice(0, -2) + (value.at(-2) === 'A' ? 'B' : 'A') + value.at(-1)
    const expired = await issueSession(ADMIN_TOKEN, Date.now() - (SESSION_SECONDS + 60) * 1000)
    const foreign = await issueSession('another-deployments-admin-token', Date.now())
    const stretched = value.replace(/^v1\.(\d+)\./, (_, s: string) => `v1.${Number(s) + 3600}.`)
    for (const bad of [flipped, expired.value, foreign.value, stretched, 'v1.x.y.z', '']) {
      const res = await send('GET', '/admin/tenants', {
        headers: { cookie: `cxlens_admin=${bad}` },
      })
      expect(res.status, bad).toBe(401)
      const page = await send('GET', '/admin', { headers: { cookie: `cxlens_admin=${bad}` } })
      expect(await page.text()).not.toContain('id="cx-console"')
    }
  })

  it('lets a wrong bearer token fail even next to a valid cookie', async () => {
    const cookie = await signIn()
    const res = await send('GET', '/admin/tenants', {
      headers: { cookie, authorization: 'Bearer wrong-token' },
    })
    expect(res.status).toBe(401)
  })

  it('signs out from the console only: the cookie is cleared', async () => {
    const cookie = await signIn()
    const cross = await send('DELETE', '/admin/session', {
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    })
    expect(cross.status).toBe(403)
    const res = await send('DELETE', '/admin/session', { headers: { cookie, ...sameOrigin } })
    expect(res.status).toBe(204)
    const [cleared] = res.headers.getSetCookie()
    expect(cleared).toMatch(/^cxlens_admin=;/)
    expect(cleared!.toLowerCase()).toContain('max-age=0')
    expect(cleared!.toLowerCase()).toContain('path=/admin')
  })
})
