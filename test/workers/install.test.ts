import { runDurableObjectAlarm } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { signToken } from '../../apps/worker/session.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { ConnectionState } from '../../apps/worker/tenant/rpc-types.ts'
import { createHubSpotSandbox } from '../../connectors/hubspot/sandbox/app.ts'
import { peopleFromZendeskUsers } from '../../connectors/hubspot/sandbox/from-zendesk.ts'
import { createZendeskSandbox } from '../../connectors/zendesk/sandbox/app.ts'
import { routeOutbound } from './outbound.ts'
import { hs256Jwt, zafClaims } from './signing.ts'
import { syncToCompletion } from './sync-helpers.ts'

// Installs through both sandboxes' consent pages, as an admin's browser would: the worker's
// redirects, the sandbox's approve form, the callback, the connect page's cookie and link.
const ORIGIN = 'https://cxlens.test'
const ZENDESK = 'http://zendesk-oauth.sandbox.test'
const HUBSPOT = 'http://hubspot-oauth.sandbox.test'

let zendesk: ReturnType<typeof createZendeskSandbox>
let hubspot: ReturnType<typeof createHubSpotSandbox>

beforeAll(() => {
  zendesk = createZendeskSandbox({ seed: 11, users: 30, tickets: 40, years: 1 })
  zendesk.oauth.registerClient({
    clientId: env.ZENDESK_CLIENT_ID!,
    clientSecret: env.ZENDESK_CLIENT_SECRET!,
    redirectUris: [`${ORIGIN}/oauth/zendesk/callback`],
    allowedScopes: ['read', 'webhooks:write', 'triggers:write'],
  })
  hubspot = createHubSpotSandbox({
    seed: 11,
    portalId: '7700001',
    people: peopleFromZendeskUsers(zendesk.groundTruth().users),
    // No Service Hub: the optional feedback scope cannot be granted.
    oauth: {
      unavailableScopes: ['crm.objects.feedback_submissions.read'],
      clients: [
        {
          clientId: env.HUBSPOT_CLIENT_ID!,
          clientSecret: env.HUBSPOT_CLIENT_SECRET!,
          redirectUris: [`${ORIGIN}/oauth/hubspot/callback`],
          requiredScopes: [
            'oauth',
            'crm.objects.contacts.read',
            'crm.objects.companies.read',
            'tickets',
          ],
          allowedScopes: [
            'oauth',
            'crm.objects.contacts.read',
            'crm.objects.companies.read',
            'tickets',
            'crm.objects.feedback_submissions.read',
          ],
        },
      ],
    },
  })
  routeOutbound(ZENDESK, (request) => zendesk.app.fetch(request))
  routeOutbound(HUBSPOT, (request) => hubspot.app.fetch(request))
})

async function get(path: string, cookie?: string) {
  const response = await exports.default.fetch(
    new Request(new URL(path, ORIGIN), { headers: cookie ? { cookie } : {}, redirect: 'manual' }),
  )
  return { status: response.status, headers: response.headers, text: await response.text() }
}

const cookieOf = (headers: Headers) => headers.get('set-cookie')?.split(';')[0] ?? ''

/** /install/… → the sandbox's consent page approved → the callback URL it sends the admin to. */
async function consent(
  installPath: string,
  sandbox: { oauth: { approve(url: string): Promise<URL> } },
) {
  const start = await get(installPath)
  expect(start.status).toBe(302)
  return sandbox.oauth.approve(start.headers.get('location')!)
}

async function tenantCount(): Promise<number> {
  const row = await env.DIRECTORY.prepare('SELECT count(*) AS n FROM tenants').first<{
    n: number
  }>()
  return row?.n ?? 0
}

function expectProblem(
  response: { status: number; headers: Headers; text: string },
  status: number,
) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toContain('application/problem+json')
  return JSON.parse(response.text) as { detail: string }
}

describe('OAuth installs on the sandboxes', () => {
  let tenantId: string
  let cookie: string
  let sharedSecret: string

  it('Zendesk then HubSpot land in one tenant, sync, and serve the sidebar', async () => {
    const back = await consent('/install/zendesk?subdomain=acme', zendesk)
    expect(back.pathname).toBe('/oauth/zendesk/callback')
    const callback = await get(back.pathname + back.search)
    expect(callback.status).toBe(200)
    sharedSecret = /id="shared-secret">([0-9a-f]{48})</.exec(callback.text)![1]!
    cookie = cookieOf(callback.headers)
    expect(callback.headers.get('set-cookie')).toMatch(/HttpOnly/i)
    expect(callback.headers.get('set-cookie')).toMatch(/SameSite=Lax/i)

    const page = await get('/connect', cookie)
    expect(page.status).toBe(200)
    tenantId = /<code>(t[0-9a-v]{20})<\/code>/.exec(page.text)![1]!
    const link = /href="(\/install\/hubspot\?link=[^"]+)"/
      .exec(page.text)![1]!
      .replace(/&amp;/g, '&')

    const hubspotBack = await consent(link, hubspot)
    const hubspotCallback = await get(hubspotBack.pathname + hubspotBack.search)
    expect(hubspotCallback.status).toBe(303)
    expect(hubspotCallback.headers.get('location')).toBe('/connect')

    const stub = tenantStub(env, tenantId)
    const connections = await stub.listConnections()
    expect(connections.map((c) => [c.source, c.account, c.auth.kind]).sort()).toEqual([
      ['hubspot', '7700001', 'oauth_grant'],
      ['zendesk', 'acme', 'oauth_grant'],
    ])
    for (const c of connections) await syncToCompletion(tenantId, c.id)
    const hubspotState = (await stub.getConnectionState(
      connections.find((c) => c.source === 'hubspot')!.id,
    )) as ConnectionState
    expect(hubspotState.authorization?.status).toBe('active')
    expect(hubspotState.authorization?.skippedStreams.map((s) => s.stream)).toEqual([
      'feedback_submissions',
    ])

    // The sidebar, signed with the shared secret the install showed, finds a synced customer.
    const user = zendesk.groundTruth().users.find((u) => u.role === 'end-user')!
    const jwt = await hs256Jwt(zafClaims('acme'), sharedSecret)
    const lookup = await exports.default.fetch(
      new Request(`${ORIGIN}/v1/customers/lookup?zendesk_user_id=${user.id}`, {
        headers: { authorization: `Bearer ${jwt}` },
      }),
    )
    expect(lookup.status).toBe(200)
    const view = (await lookup.json()) as { identities: { source: string }[] }
    expect(JSON.stringify(view)).toContain('hubspot')

    // The install created the webhooks and trigger with its token and sealed their secrets: the
    // sandbox's signed deliveries are accepted.
    zendesk.webhooks.setFetch((input, init) => exports.default.fetch(new Request(input, init)))
    // Signatures carry the sandbox's time; the worker refuses a timestamp 5 minutes off its own.
    zendesk.setClock(Date.now())
    const deliveries = await zendesk.webhooks.deliver(zendesk.mutate({ updatedTickets: 1 }))
    expect(deliveries.length).toBeGreaterThan(0)
    expect(deliveries.map((d) => d.status)).toEqual(deliveries.map(() => 200))

    const after = await get('/connect?lang=fr', cookie)
    expect(after.text).toContain('Connecté')
    expect(after.text).toContain('data-first-sync="done"')
  })

  it('refuses a forged, expired or replayed state with problem+json, storing nothing', async () => {
    const back = await consent('/install/zendesk?subdomain=forged', zendesk)
    const before = await tenantCount()
    const state = back.searchParams.get('state')!
    const code = back.searchParams.get('code')!
    const forged = state.slice(0, -2) + (state.endsWith('AA') ? 'BB' : 'AA')
    expectProblem(await get(`/oauth/zendesk/callback?code=${code}&state=${forged}`), 400)
    const expired = await signToken(
      env.CXLENS_SECRET_KEY,
      'oauth_state',
      { id: 'x', vendor: 'zendesk', subdomain: 'forged' },
      -1000,
    )
    expect(
      expectProblem(await get(`/oauth/zendesk/callback?code=${code}&state=${expired}`), 400).detail,
    ).toContain('expired')
    // A valid state of the other vendor is refused too.
    expectProblem(await get(`/oauth/hubspot/callback?code=${code}&state=${state}`), 400)
    expect(await tenantCount()).toBe(before)
    // The genuine state works once; its replay is refused.
    expect((await get(back.pathname + back.search)).status).toBe(200)
    const replay = expectProblem(await get(back.pathname + back.search), 400)
    expect(replay.detail).toContain('already used')
    expect(await tenantCount()).toBe(before + 1)
  })

  it('answers bad install requests with problem+json', async () => {
    expectProblem(await get('/install/zendesk'), 400)
    expectProblem(await get('/install/zendesk?subdomain=no_such!'), 400)
    expectProblem(await get('/install/hubspot?link=forged.link'), 400)
    expectProblem(await get('/oauth/zendesk/callback'), 400)
    expectProblem(await get('/connect'), 401)
    expectProblem(await get('/connect', 'cxlens_connect=forged.value'), 401)
    // The admin declines: the state is spent, nothing is stored.
    const before = await tenantCount()
    const start = await get('/install/hubspot')
    const declined = await hubspot.oauth.approve(start.headers.get('location')!, 'deny')
    expect(expectProblem(await get(declined.pathname + declined.search), 400).detail).toContain(
      'not approved',
    )
    expect(await tenantCount()).toBe(before)
  })

  it('refuses a code used twice', async () => {
    const first = await consent('/install/zendesk?subdomain=twice', zendesk)
    expect((await get(first.pathname + first.search)).status).toBe(200)
    const second = await consent('/install/zendesk?subdomain=twice', zendesk)
    const reused = `/oauth/zendesk/callback?code=${first.searchParams.get('code')}&state=${second.searchParams.get('state')}`
    expect(expectProblem(await get(reused), 400).detail).toContain('authorization code')
  })

  it('a revoked grant shows as needs_reconnect in the state and on /connect', async () => {
    const stub = tenantStub(env, tenantId)
    const hubspotId = (await stub.listConnections()).find((c) => c.source === 'hubspot')!.id
    hubspot.oauth.uninstall(env.HUBSPOT_CLIENT_ID!)
    // Expired and revoked: the next slice must refresh, and the refresh is refused.
    hubspot.oauth.setAccessTtl(1)
    await stub.syncNow(hubspotId)
    await runDurableObjectAlarm(stub)
    const state = (await stub.getConnectionState(hubspotId)) as ConnectionState
    expect(state.authorization?.status).toBe('needs_reconnect')
    expect(state.authorization?.action).toMatch(/install the app again/)
    const page = await get('/connect', cookie)
    expect(page.text).toContain('data-status="needs_reconnect"')
  })
})
