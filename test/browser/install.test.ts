import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPreviewRoutes } from '../../apps/demo/preview.ts'
import { peopleFromZendeskUsers } from '../../connectors/hubspot/sandbox/from-zendesk.ts'
import { HUBSPOT_SANDBOX_SCOPES } from '../../connectors/hubspot/sandbox/oauth.ts'
import { startHubSpotSandbox } from '../../connectors/hubspot/sandbox/serve.ts'
import { startZendeskSandbox } from '../../connectors/zendesk/sandbox/serve.ts'
import { hubspotV3 } from '../workers/signing.ts'
import { launchChromium, screenshot, type Browser } from './chromium.ts'
import { startLocalWorker } from './local-worker.ts'

// A new admin installs both tools in Chromium, on the sandboxes' consent pages, with no admin API
// call: /install/zendesk → approve → shared secret → /connect → Connect HubSpot → approve → synced.
const ZENDESK_CLIENT = { clientId: 'zdg-cxlens-e2e', clientSecret: 'e2e-zendesk-client-secret' }
const HUBSPOT_CLIENT = {
  clientId: 'e2e-hubspot-client',
  clientSecret: 'e2e-hubspot-client-secret-0123',
}
const stops: Array<() => Promise<unknown>> = []
let browser: Browser
let workerUrl = ''
let zendesk: Awaited<ReturnType<typeof startZendeskSandbox>>
let hubspot: Awaited<ReturnType<typeof startHubSpotSandbox>>

beforeAll(async () => {
  zendesk = await startZendeskSandbox({
    seed: 5,
    users: 30,
    tickets: 60,
    years: 1,
    subdomain: 'acme',
    now: Date.now() - 10 * 60_000,
  })
  stops.push(() => zendesk.close())
  hubspot = await startHubSpotSandbox({
    seed: 5,
    portalId: '5500001',
    people: peopleFromZendeskUsers(zendesk.sandbox.groundTruth().users),
    companies: 4,
    asOf: Date.now() - 10 * 60_000,
    searchLagMs: 0,
  })
  stops.push(() => hubspot.close())
  workerUrl = await startLocalWorker(
    'install',
    {
      CXLENS_ADMIN_TOKEN: 'install-e2e-admin-token-0123456789',
      CXLENS_SECRET_KEY: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
      ZENDESK_CLIENT_ID: ZENDESK_CLIENT.clientId,
      ZENDESK_CLIENT_SECRET: ZENDESK_CLIENT.clientSecret,
      ZENDESK_BASE_URL: zendesk.url,
      HUBSPOT_CLIENT_ID: HUBSPOT_CLIENT.clientId,
      HUBSPOT_CLIENT_SECRET: HUBSPOT_CLIENT.clientSecret,
      HUBSPOT_APP_BASE_URL: hubspot.url,
      HUBSPOT_API_BASE_URL: hubspot.url,
    },
    stops,
  )
  // The apps' redirect URIs, as their developer consoles would hold them.
  zendesk.sandbox.oauth.registerClient({
    ...ZENDESK_CLIENT,
    redirectUris: [`${workerUrl}/oauth/zendesk/callback`],
    allowedScopes: ['read', 'webhooks:write', 'triggers:write'],
  })
  hubspot.sandbox.oauth.registerClient({
    ...HUBSPOT_CLIENT,
    redirectUris: [`${workerUrl}/oauth/hubspot/callback`],
    requiredScopes: HUBSPOT_SANDBOX_SCOPES.required,
    allowedScopes: [...HUBSPOT_SANDBOX_SCOPES.required, ...HUBSPOT_SANDBOX_SCOPES.optional],
  })
  browser = await launchChromium()
}, 180_000)

afterAll(async () => {
  await browser?.close()
  for (const stop of stops.reverse()) await stop().catch(() => undefined)
})

it('an admin installs Zendesk then HubSpot, the first sync completes, sidebar and card agree', async () => {
  const page = await browser.page({ width: 900 })
  await page.goto(`${workerUrl}/install/zendesk?subdomain=acme`)
  await page.click('button[value="approve"]')
  await page.waitForSelector('#shared-secret')
  const sharedSecret = (await page.textContent('#shared-secret'))!.trim()
  await page.click('#continue')
  await page.waitForSelector('#connect-hubspot')
  await page.click('#connect-hubspot')
  await page.click('button[value="approve"]')
  await page.waitForSelector('section[data-tool="hubspot"][data-connection]')
  // The page refreshes itself while a first sync runs.
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-first-sync="done"]').length === 2 &&
      !document.querySelector('[data-first-sync="running"]'),
    undefined,
    { timeout: 120_000 },
  )
  await screenshot(page, 'install-connect')

  // The sidebar under the strict stand-in, signed with the secret the install showed.
  const frames = new Hono()
  frames.route(
    '/preview',
    createPreviewRoutes({
      subdomain: 'acme',
      secret: () => sharedSecret,
      listCustomers: () => [],
    }) as unknown as Hono,
  )
  frames.all('/v1/*', async (c) => {
    const url = new URL(c.req.url)
    const upstream = await fetch(workerUrl + url.pathname + url.search, {
      headers: { authorization: c.req.header('authorization') ?? '', accept: 'application/json' },
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
  // A person in both tools: a live HubSpot contact whose address a Zendesk requester shares.
  const truth = hubspot.sandbox.groundTruth()
  const canonical = (email: string | null | undefined) => (email ?? '').trim().toLowerCase()
  const users = zendesk.sandbox.groundTruth().users
  const pair = truth.live
    .contacts!.map((contactId) => {
      const key = truth.personOfContact.get(contactId)
      const person = truth.people.find((p) => p.key === key)
      const user = users.find((u) => person && canonical(u.email) === person.email)
      return user && person ? { contactId, user, person } : null
    })
    .find((p) => p !== null)
  expect(pair, 'a person in both tools').toBeTruthy()
  const { contactId, user, person } = pair!
  const sidebar = await browser.page()
  const lookups: string[] = []
  sidebar.on('response', async (r) => {
    if (r.url().includes('/v1/customers/lookup') && r.ok())
      lookups.push(((await r.json()) as { customer: { id: string } }).customer.id)
  })
  await sidebar.goto(`${frameUrl}/preview/frame?user=${user.id}`)
  await sidebar.waitForSelector('.cx:not([data-state="loading"])')
  await screenshot(sidebar, 'install-sidebar')
  expect(await sidebar.textContent('.cx')).toContain(person.lastName)
  expect(lookups.length).toBeGreaterThan(0)

  // The card's signed fetch (HubSpot v3 with the app's client secret) finds the same customer.
  const path = `/v1/customers/lookup?hubspot_contact_id=${contactId}&portalId=5500001&userId=1`
  const timestamp = Date.now()
  const signature = await hubspotV3({
    method: 'GET',
    url: workerUrl + path,
    timestamp,
    secret: HUBSPOT_CLIENT.clientSecret,
  })
  const card = await fetch(workerUrl + path, {
    headers: {
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': String(timestamp),
    },
  })
  expect(card.status).toBe(200)
  expect(((await card.json()) as { customer: { id: string } }).customer.id).toBe(lookups.at(-1))
}, 240_000)
