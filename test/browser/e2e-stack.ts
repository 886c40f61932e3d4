import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { CustomerView } from '../../core/model/index.ts'
import { peopleFromZendeskUsers } from '../../connectors/hubspot/sandbox/from-zendesk.ts'
import { startHubSpotSandbox } from '../../connectors/hubspot/sandbox/serve.ts'
import { startZendeskSandbox } from '../../connectors/zendesk/sandbox/serve.ts'
import { createPreviewRoutes } from '../../apps/demo/preview.ts'
import { startLocalWorker } from './local-worker.ts'

/** What the end-to-end browser tests get from the global setup (through vitest's provide/inject). */
export interface E2eStack {
  /** The sidebar frame server: `${frameUrl}/preview/frame?user=…` */
  frameUrl: string
  workerUrl: string
  apiKey: string
  customers: {
    /** Zendesk user ids: a customer in both tools whose latest NPS is a detractor, with open friction… */
    detractor: { zendeskUserId: string; customerId: string }
    /** …and one who never answered a survey. */
    withoutSurvey: string
  }
}

const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef'
const SECRET_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='
const SHARED_SECRET = 'e2e-zendesk-shared-secret-0123456789'
const ACCOUNT = 'demo'
const HUBSPOT_TOKEN = 'sandbox-token'

async function call(url: string, init: RequestInit & { json?: unknown } = {}) {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
    body: init.json === undefined ? init.body : JSON.stringify(init.json),
  })
  const body: unknown = await res.json().catch(() => null)
  if (!res.ok)
    throw new Error(
      `${init.method ?? 'GET'} ${new URL(url).pathname} → ${res.status} ${JSON.stringify(body)}`,
    )
  return body as Record<string, any>
}

/**
 * The whole path on loopback: the Zendesk and HubSpot sandboxes (the same humans, so synced customers
 * carry HubSpot's NPS), the worker under wrangler (workerd, local state in a temp dir), a tenant with
 * both connections and a Zendesk installation secret, one full sync of each; and
 * a frame server standing in for Zendesk: it serves the sidebar with the stand-in client, signs
 * the JWT with the installation's shared secret, and forwards `/v1/*` to the worker as Zendesk's
 * proxy does (so the page makes no cross-origin call).
 */
export async function startE2eStack(): Promise<{ stack: E2eStack; stop(): Promise<void> }> {
  const stops: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined)
  }
  try {
    const sandbox = await startZendeskSandbox({
      seed: 7,
      users: 30,
      tickets: 90,
      years: 1,
      subdomain: ACCOUNT,
      now: Date.now() - 10 * 60_000,
    })
    stops.push(() => sandbox.close())
    // A small portal over the Zendesk requesters (every 4th left out), its history ending now.
    const hubspot = await startHubSpotSandbox({
      seed: 7,
      people: peopleFromZendeskUsers(sandbox.sandbox.groundTruth().users),
      hubspotOnly: 4,
      companies: 4,
      asOf: Date.now() - 10 * 60_000,
      searchLagMs: 0,
      tokens: [HUBSPOT_TOKEN],
    })
    stops.push(() => hubspot.close())

    const workerUrl = await startLocalWorker(
      'e2e',
      { CXLENS_ADMIN_TOKEN: ADMIN_TOKEN, CXLENS_SECRET_KEY: SECRET_KEY },
      stops,
    )

    const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
    const tenant = await call(`${workerUrl}/admin/tenants`, {
      method: 'POST',
      headers: admin,
      json: { name: 'E2E' },
    })
    const base = `${workerUrl}/admin/tenants/${tenant.tenantId}`
    const { email, apiToken } = sandbox.sandbox.credentials
    const zendesk = await call(`${base}/connections`, {
      method: 'POST',
      headers: admin,
      json: {
        source: 'zendesk',
        baseUrl: sandbox.url,
        account: ACCOUNT,
        auth: { kind: 'api_token', email, token: apiToken },
      },
    })
    const crm = await call(`${base}/connections`, {
      method: 'POST',
      headers: admin,
      json: {
        source: 'hubspot',
        portalId: hubspot.sandbox.portalId,
        baseUrl: hubspot.url,
        auth: { kind: 'private_app', token: HUBSPOT_TOKEN },
      },
    })
    await call(`${base}/installations/zendesk`, {
      method: 'PUT',
      headers: admin,
      json: { subdomain: ACCOUNT, sharedSecret: SHARED_SECRET },
    })
    // Both are due at once: the tenant's alarm runs their slices in turn.
    await Promise.all(
      [zendesk.id, crm.id].map((id) => syncToCompletion(`${base}/connections/${id}`)),
    )

    const customers = await pickCustomers(
      { workerUrl, base, apiKey: tenant.apiKey },
      sandbox.sandbox.groundTruth().users,
    )
    const frames = new Hono()
    frames.route(
      '/preview',
      createPreviewRoutes({
        subdomain: ACCOUNT,
        secret: () => SHARED_SECRET,
        listCustomers: () => [],
      }) as unknown as Hono,
    )
    // Like Zendesk's proxy: only the request's credential and accept go on; the body is re-sent whole
    // (fetch already decoded it, so the upstream content-encoding must not follow).
    frames.all('/v1/*', async (c) => {
      const url = new URL(c.req.url)
      const upstream = await fetch(workerUrl + url.pathname + url.search, {
        method: c.req.method,
        headers: {
          authorization: c.req.header('authorization') ?? '',
          accept: c.req.header('accept') ?? 'application/json',
        },
      })
      return new Response(await upstream.arrayBuffer(), {
        status: upstream.status,
        headers: { 'content-type': upstream.headers.get('content-type') ?? 'application/json' },
      })
    })
    const frameUrl = await new Promise<string>((resolve) => {
      const server = serve({ fetch: frames.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
        resolve(`http://127.0.0.1:${info.port}`),
      )
      stops.push(() => new Promise<void>((done) => server.close(() => done())))
    })
    return { stack: { frameUrl, workerUrl, apiKey: tenant.apiKey, customers }, stop }
  } catch (error) {
    await stop()
    throw error
  }
}

/** Makes the connection due now and waits until its last slice reached the end of every stream. */
async function syncToCompletion(connection: string): Promise<void> {
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` }
  await call(`${connection}/sync`, { method: 'POST', headers: admin })
  for (let i = 0; ; i++) {
    const s = await call(connection, { headers: admin })
    if (s.lastSlice?.error) throw new Error(`sync of ${connection} failed: ${s.lastSlice.error}`)
    if (s.lastSlice?.done && s.streams.every((st: { caughtUp: boolean }) => st.caughtUp)) return
    if (i > 900) throw new Error(`sync of ${connection} did not finish in 3 minutes`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

interface Summary {
  id: string
  identities: Array<{ source: string; account: string; object: string; id: string }>
  nps: { category: string } | null
  openFriction: number
}

/**
 * A detractor in both tools with open friction, found through the admin customer list (its filters
 * run over the stored views), and a Zendesk requester with no survey at all, through the lookup.
 */
async function pickCustomers(
  api: { workerUrl: string; base: string; apiKey: string },
  users: Array<{ id: number; role: string; active: boolean }>,
): Promise<E2eStack['customers']> {
  const list = await call(`${api.base}/customers?has=friction,nps,both_sources&limit=200`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  })
  const candidates = (list.customers as Summary[]).filter((c) => c.nps?.category === 'detractor')
  const pick = candidates
    .map((c) => ({
      customerId: c.id,
      zendeskUserId: c.identities.find((i) => i.source === 'zendesk' && i.object === 'user')?.id,
    }))
    .find((c) => c.zendeskUserId !== undefined)
  if (!pick?.zendeskUserId)
    throw new Error(
      `no detractor with open friction in both tools among ${list.total} customers with friction, NPS and both sources`,
    )
  const detractor = { customerId: pick.customerId, zendeskUserId: pick.zendeskUserId }

  for (const user of users.filter((u) => u.role === 'end-user' && u.active)) {
    const res = await fetch(
      `${api.workerUrl}/v1/customers/lookup?zendesk_user_id=${user.id}&account=${ACCOUNT}`,
      { headers: { authorization: `Bearer ${api.apiKey}` } },
    )
    if (!res.ok) continue
    const view = (await res.json()) as CustomerView
    if (view.nps.responses.length + view.csat.responses.length === 0) {
      return { detractor, withoutSurvey: String(user.id) }
    }
  }
  throw new Error('the synced account lacks a Zendesk requester without survey')
}
