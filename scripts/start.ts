// `npm start`: the whole product on this machine, no vendor account needed.
// Starts the vendor sandboxes on loopback, the demo worker (production's app plus /preview, wrangler
// environment `demo`) under `wrangler dev`, provisions a demo tenant
// connected to the sandboxes, runs the first sync to completion and prints ready-to-paste links.
// With ZENDESK_SUBDOMAIN + ZENDESK_EMAIL + ZENDESK_API_TOKEN in `.dev.vars` it syncs that account.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { writeSidebarEmbed } from '../apps/demo/build-embed.ts'
import { peopleFromZendeskUsers } from '../connectors/hubspot/sandbox/from-zendesk.ts'
import { DEFAULT_HUBSPOT_CLIENT } from '../connectors/hubspot/sandbox/oauth.ts'
import { startHubSpotSandbox } from '../connectors/hubspot/sandbox/serve.ts'
import { DEFAULT_ZENDESK_CLIENT } from '../connectors/zendesk/sandbox/oauth.ts'
import { startZendeskSandbox } from '../connectors/zendesk/sandbox/serve.ts'
import { adminClient, type AdminClient } from './admin-client.ts'
import { setUpDemoAlerts } from './alert-receiver.ts'
import { loadDevVars } from './dev-vars.ts'

const PORT = Number(process.env.PORT ?? 8787)
const WORKER = `http://127.0.0.1:${PORT}`
const SYNC_TIMEOUT_MS = 5 * 60_000

const children: ChildProcess[] = []
const closers: Array<() => Promise<void>> = []

interface Plan {
  label: string
  /** The link that takes an admin through the OAuth installs, when the worker has the clients. */
  installLink?: string
  /** Extra `wrangler dev` variables (demo only: the preview's signing secret). */
  workerVars: Record<string, string>
  connections: Array<{ label: string; body: Record<string, unknown> }>
  installations: Array<{ path: string; body: Record<string, unknown> }>
}

async function main(): Promise<void> {
  const vars = loadDevVars('.dev.vars')
  const plan = hasRealAccount(vars) ? realPlan(vars) : await demoPlan()
  step(plan.label)

  // A demo starts from empty state so what you see is this run's sync; a real account keeps its state.
  const persistTo = hasRealAccount(vars) ? '.wrangler/state' : '.wrangler/demo-state'
  if (!hasRealAccount(vars)) rmSync(persistTo, { recursive: true, force: true })
  // /preview serves the sidebar bundle of this checkout: built now, never committed.
  await writeSidebarEmbed()
  // Alerts may go to the loopback receiver this script starts (production refuses loopback).
  await startWorker(persistTo, { ...plan.workerVars, CXLENS_ALERTS_ALLOW_LOOPBACK: '1' })
  const admin = adminClient(WORKER, vars.CXLENS_ADMIN_TOKEN!)
  step(`Admin console on ${WORKER}/admin (token in .dev.vars): watch the first sync there`)

  const tenant = await admin.post<{ tenantId: string; apiKey: string }>('/admin/tenants', {
    name: hasRealAccount(vars) ? 'My accounts' : 'Demo',
  })
  const base = `/admin/tenants/${tenant.tenantId}`
  for (const installation of plan.installations) {
    await admin.put(`${base}/installations/${installation.path}`, installation.body)
  }
  const connections: Array<{ id: string; label: string }> = []
  for (const { label, body } of plan.connections) {
    const { id } = await admin.post<{ id: string }>(`${base}/connections`, body)
    connections.push({ id, label })
  }
  step(`Tenant ${tenant.tenantId}: first sync of ${connections.map((c) => c.label).join(' and ')}`)
  const started = Date.now()
  await Promise.all(
    connections.map((c) => waitForSync(admin, `${base}/connections/${c.id}`, c.label)),
  )
  step(`First sync complete in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  await printLinks(admin, tenant, connections, plan.workerVars.CXLENS_PREVIEW_SECRET !== undefined)
  if (plan.installLink) {
    console.log(
      `\nInstall as an admin would (OAuth, both tools, then /connect): ${plan.installLink}`,
    )
  }
  await setUpDemoAlerts({
    worker: WORKER,
    admin,
    tenant,
    print: step,
    onClose: (c) => closers.push(c),
  })
  console.log('\nThe worker keeps syncing every 5 minutes. Ctrl-C stops everything.')
}

function hasRealAccount(vars: Record<string, string>): boolean {
  return Boolean(
    (vars.ZENDESK_SUBDOMAIN && vars.ZENDESK_EMAIL && vars.ZENDESK_API_TOKEN) ||
    (vars.HUBSPOT_PORTAL_ID && vars.HUBSPOT_TOKEN),
  )
}

/** Your own accounts, from `.dev.vars`: Zendesk (API token), HubSpot (private app token), or both. */
function realPlan(vars: Record<string, string>): Plan {
  const plan: Plan = { label: 'Your accounts', workerVars: {}, connections: [], installations: [] }
  if (vars.ZENDESK_SUBDOMAIN && vars.ZENDESK_EMAIL && vars.ZENDESK_API_TOKEN) {
    plan.connections.push({
      label: `Zendesk ${vars.ZENDESK_SUBDOMAIN}`,
      body: {
        source: 'zendesk',
        subdomain: vars.ZENDESK_SUBDOMAIN,
        auth: { kind: 'api_token', email: vars.ZENDESK_EMAIL, token: vars.ZENDESK_API_TOKEN },
      },
    })
  }
  if (vars.HUBSPOT_PORTAL_ID && vars.HUBSPOT_TOKEN) {
    plan.connections.push({
      label: `HubSpot ${vars.HUBSPOT_PORTAL_ID}`,
      body: {
        source: 'hubspot',
        portalId: vars.HUBSPOT_PORTAL_ID,
        auth: { kind: 'private_app', token: vars.HUBSPOT_TOKEN },
      },
    })
  }
  plan.label = `Your accounts: ${plan.connections.map((c) => c.label).join(', ')}`
  // wrangler reads the OAuth clients from .dev.vars itself (README: Installing on your accounts).
  if (vars.ZENDESK_CLIENT_ID && vars.ZENDESK_SUBDOMAIN) {
    plan.installLink = `${WORKER}/install/zendesk?subdomain=${vars.ZENDESK_SUBDOMAIN}`
  }
  return plan
}

/** Both vendor sandboxes on loopback, sharing their customers, with a High Volume Zendesk plan. */
async function demoPlan(): Promise<Plan> {
  // High Volume add-on limits (2,500/min, exports 30/min): the sandbox enforces them, the
  // connection budgets for them, so the first sync is quick and never sees a 429.
  const zendesk = await startZendeskSandbox({ rateLimits: { account: 2500, incremental: 30 } })
  closers.push(() => zendesk.close())
  const people = peopleFromZendeskUsers(zendesk.sandbox.groundTruth().users)
  const hubspot = await startHubSpotSandbox({ people })
  closers.push(() => hubspot.close())
  const subdomain = zendesk.sandbox.state.account.subdomain
  step(`Zendesk sandbox on ${zendesk.url} (${zendesk.sandbox.state.account.tickets.size} tickets)`)
  step(`HubSpot sandbox on ${hubspot.url} (portal ${hubspot.sandbox.portalId})`)
  const previewSecret = randomBytes(24).toString('hex')
  return {
    label: 'Demo mode: Zendesk and HubSpot sandboxes',
    // The sandboxes' OAuth apps, registered for http://127.0.0.1:8787 (and localhost): installing
    // the sandbox accounts renews the demo tenant's connections on OAuth grants (the accounts route
    // there), so the preview shows what the installs sync.
    installLink: `${WORKER}/install/zendesk?subdomain=${subdomain}`,
    workerVars: {
      CXLENS_PREVIEW_SECRET: previewSecret,
      CXLENS_PREVIEW_SUBDOMAIN: subdomain,
      ...sandboxOAuthVars(zendesk.url, hubspot.url),
    },
    installations: [
      { path: 'zendesk', body: { subdomain, sharedSecret: previewSecret } },
      {
        path: 'hubspot',
        body: { portalId: hubspot.sandbox.portalId, clientSecret: randomBytes(24).toString('hex') },
      },
    ],
    connections: [
      {
        label: 'Zendesk',
        body: {
          source: 'zendesk',
          baseUrl: zendesk.url,
          account: subdomain,
          auth: {
            kind: 'api_token',
            email: zendesk.sandbox.credentials.email,
            token: zendesk.sandbox.credentials.apiToken,
          },
          limits: { accountPerMinute: 2500, exportPerMinute: 30 },
        },
      },
      {
        label: 'HubSpot',
        body: {
          source: 'hubspot',
          portalId: hubspot.sandbox.portalId,
          baseUrl: hubspot.url,
          auth: { kind: 'private_app', token: 'sandbox-token' },
        },
      },
    ],
  }
}

/** The worker's OAuth configuration for the sandboxes (one Zendesk host for every subdomain). */
function sandboxOAuthVars(zendeskUrl: string, hubspotUrl: string): Record<string, string> {
  if (PORT !== 8787)
    step(`OAuth installs need port 8787 (the sandboxes' redirect URIs), not ${PORT}`)
  return {
    ZENDESK_CLIENT_ID: DEFAULT_ZENDESK_CLIENT.clientId,
    ZENDESK_CLIENT_SECRET: DEFAULT_ZENDESK_CLIENT.clientSecret,
    ZENDESK_BASE_URL: zendeskUrl,
    HUBSPOT_CLIENT_ID: DEFAULT_HUBSPOT_CLIENT.clientId,
    HUBSPOT_CLIENT_SECRET: DEFAULT_HUBSPOT_CLIENT.clientSecret,
    HUBSPOT_APP_BASE_URL: hubspotUrl,
    HUBSPOT_API_BASE_URL: hubspotUrl,
  }
}

async function startWorker(persistTo: string, vars: Record<string, string>): Promise<void> {
  if (await answers(`${WORKER}/healthz`)) {
    throw new Error(
      `something already listens on ${WORKER}: stop it, or run with PORT=<another port>`,
    )
  }
  // Its own process group, so that stopping cxlens also stops wrangler's workerd.
  const child = spawn(
    'npx',
    [
      ...['wrangler', 'dev', '--env', 'demo', '--ip', '127.0.0.1', '--port', String(PORT)],
      ...['--persist-to', persistTo],
      ...Object.entries(vars).flatMap(([key, value]) => ['--var', `${key}:${value}`]),
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  )
  children.push(child)
  const log: string[] = []
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString())
    if (log.length > 200) log.shift()
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break
    if (await answers(`${WORKER}/healthz`)) {
      step(`Worker (wrangler dev) on ${WORKER}`)
      return
    }
    await sleep(300)
  }
  throw new Error(`wrangler dev did not answer on ${WORKER}/healthz. Its output:\n${log.join('')}`)
}

interface StreamView {
  stream: string
  status: string
  caughtUp: boolean
  counts: { written: number; quarantined: number }
  requests: number
  lastError: { message: string } | null
}

async function waitForSync(admin: AdminClient, path: string, label: string): Promise<void> {
  const started = Date.now()
  const deadline = started + SYNC_TIMEOUT_MS
  let last = ''
  while (Date.now() < deadline) {
    const state = await admin.get<{ lastSlice: { done: boolean } | null; streams: StreamView[] }>(
      path,
    )
    const line = state.streams
      .map((s) => `${s.stream} ${s.counts.written}${s.caughtUp ? ' ✓' : ''}`)
      .join(' · ')
    const elapsed = ((Date.now() - started) / 1000).toFixed(0).padStart(4)
    if (line !== last) console.log(`  ${elapsed}s  ${label}: ${line}`)
    last = line
    const failed = state.streams.filter((s) => s.status === 'failed')
    if (failed.length) {
      throw new Error(
        `${label} sync failed: ${failed.map((s) => `${s.stream}: ${s.lastError?.message}`)}`,
      )
    }
    // Streams appear as the run reaches them: done means the whole run reached the vendor's present.
    if (state.lastSlice?.done && state.streams.every((s) => s.caughtUp)) return
    await sleep(1000)
  }
  throw new Error(`the first ${label} sync did not finish within ${SYNC_TIMEOUT_MS / 1000} s`)
}

interface CustomerSummary {
  id: string
  displayName: string
  sources: string[]
  nps: { score: number; category: string } | null
  openFriction: number
  openTickets: number
}

interface Pick extends CustomerSummary {
  why: string
}

async function printLinks(
  admin: AdminClient,
  tenant: { tenantId: string; apiKey: string },
  connections: Array<{ id: string; label: string }>,
  preview: boolean,
): Promise<void> {
  const picks = await pickInteresting(admin, tenant)
  const auth = `-H 'Authorization: Bearer ${tenant.apiKey}'`
  console.log('\nCustomers worth a look (paste a line to see their unified view):')
  for (const c of picks) {
    console.log(`  # ${c.displayName}: ${c.why}`)
    console.log(`  curl -s ${auth} ${WORKER}/v1/customers/${c.id}`)
  }
  console.log('\nSync state per stream (cursor, lag, counts, requests, last error):')
  for (const c of connections) {
    console.log(`  # ${c.label}`)
    console.log(
      `  curl -s -H 'Authorization: Bearer ${admin.token}' ${WORKER}/admin/tenants/${tenant.tenantId}/connections/${c.id}`,
    )
  }
  if (preview) console.log(`\nThe Zendesk sidebar, as an agent sees it: ${WORKER}/preview`)
  console.log(`\nAdmin console (schedules, runs, backfills, live progress): ${WORKER}/admin`)
  console.log(`  sign in with the admin token from .dev.vars: ${admin.token}`)
}

/** A few customers that show the product: in both tools with a falling NPS, detractors, friction. */
async function pickInteresting(
  admin: AdminClient,
  tenant: { tenantId: string; apiKey: string },
): Promise<Pick[]> {
  const list = (has: string) =>
    admin
      .get<{ customers: CustomerSummary[] }>(
        `/admin/tenants/${tenant.tenantId}/customers?has=${has}&limit=200`,
      )
      .then((r) => r.customers.sort((a, b) => b.openFriction - a.openFriction))
  const picks = new Map<string, Pick>()
  const add = (c: CustomerSummary | undefined, why: string) => {
    if (c && !picks.has(c.id)) picks.set(c.id, { ...c, why })
  }
  const both = await list('friction,nps,both_sources')
  for (const c of both.slice(0, 40)) {
    const view = await fetchView(tenant.apiKey, c.id)
    const trend = view.nps.trend
    if (trend !== null && trend <= -3) {
      const scores = view.nps.responses.map((r) => r.score).join(' → ')
      add(
        c,
        `in ${c.sources.join(' and ')}, NPS falling ${scores}, ${c.openFriction} open friction`,
      )
      break
    }
  }
  const withFriction = await list('friction')
  add(
    withFriction.find((c) => c.nps?.category === 'detractor'),
    'NPS detractor with open friction',
  )
  const busy = withFriction.find((c) => !picks.has(c.id))
  add(busy, `${busy?.openFriction} open friction points, ${busy?.openTickets} open tickets`)
  return [...picks.values()]
}

async function fetchView(
  apiKey: string,
  id: string,
): Promise<{ nps: { trend: number | null; responses: Array<{ score: number }> } }> {
  const response = await fetch(`${WORKER}/v1/customers/${id}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  })
  if (!response.ok) throw new Error(`GET /v1/customers/${id} → ${response.status}`)
  return response.json() as never
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok
  } catch {
    return false
  }
}

function step(text: string): void {
  console.log(`▸ ${text}`)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function shutdown(code: number): Promise<never> {
  for (const child of children) {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  await Promise.allSettled(closers.map((close) => close()))
  process.exit(code)
}

process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))

// Secrets the worker needs locally; written once with random values, never committed (.gitignore).
if (!existsSync('.dev.vars')) {
  writeFileSync(
    '.dev.vars',
    [
      `CXLENS_ADMIN_TOKEN=${randomBytes(24).toString('hex')}`,
      `CXLENS_SECRET_KEY=${randomBytes(32).toString('base64')}`,
      '',
    ].join('\n'),
  )
  step('Wrote .dev.vars with a fresh admin token and secret key')
}
main().catch(async (error: unknown) => {
  console.error(`\n✗ ${error instanceof Error ? error.message : String(error)}`)
  await shutdown(1)
})
