import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { zafJwt, type ZafEnv } from '../worker/middleware/zaf-jwt.ts'
import { onError } from '../worker/problem.ts'
import { createPreviewRoutes } from './preview.ts'

const SECRET = 'preview-secret-0123456789abcdef'

function setup() {
  const app = new Hono<ZafEnv>()
  app.onError(onError)
  app.route(
    '/preview',
    createPreviewRoutes({
      subdomain: 'demo',
      secret: () => SECRET,
      listCustomers: () => [
        { zendeskUserId: '501', label: 'Marie Dupont' },
        { zendeskUserId: '502', label: 'Léo Martin' },
      ],
    }),
  )
  app.use(
    '/v1/*',
    zafJwt({
      resolveSecret: (iss) => (iss === 'demo' ? { tenantId: 'ten_demo', secret: SECRET } : null),
    }),
  )
  app.get('/v1/customers/lookup', (c) => c.json({ tenant: c.get('tenant'), zaf: c.get('zaf') }))
  return app
}

const tokenRequest = (iss: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ claims: { iss, aud: 'cxlens', sub: '900001' }, expiry: 300 }),
})

describe('preview routes', () => {
  it('sign tokens the ZAF JWT middleware accepts, for the demo issuer', async () => {
    const app = setup()
    const res = await app.request('/preview/token', tokenRequest('demo'))
    expect(res.status).toBe(200)
    const { token } = (await res.json()) as { token: string }
    const lookup = await app.request('/v1/customers/lookup?zendesk_user_id=501&account=demo', {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(lookup.status).toBe(200)
    expect(await lookup.json()).toEqual({
      tenant: { tenantId: 'ten_demo', via: 'zaf_jwt' },
      zaf: { subdomain: 'demo', agentId: '900001' },
    })
  })

  it('refuse to sign for another issuer', async () => {
    const res = await setup().request('/preview/token', tokenRequest('acme'))
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })

  it('show the customer picker and a frame for the chosen customer', async () => {
    const res = await setup().request('/preview?user=502&locale=fr')
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('<option value="502" selected>Léo Martin (#502)</option>')
    expect(page).toContain(
      'src="/preview/frame?user=502&amp;locale=fr&amp;location=ticket_sidebar&amp;tamper=0"',
    )
  })

  it('serve the app bundle with a stand-in client configured for the demo account', async () => {
    const res = await setup().request('http://cx.test/preview/frame?user=501&locale=fr&tamper=1')
    const page = await res.text()
    expect(page).toContain('"subdomain":"demo"')
    expect(page).toContain('"zendeskUserId":"501"')
    expect(page).toContain('"apiUrl":"http://cx.test"')
    expect(page).toContain('"tamper":true')
    expect(page).toContain('<div id="app"></div>')
    expect(page).not.toContain(SECRET)
  })
})
