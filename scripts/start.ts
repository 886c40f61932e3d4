// `npm start`: the whole product on this machine, no vendor account needed.
// Starts the vendor sandboxes on loopback, the worker under `wrangler dev`, provisions a demo tenant
// connected to the sandboxes, runs the first sync to completion and prints ready-to-paste links.
// With ZENDESK_SUBDOMAIN + ZENDESK_EMAIL + ZENDESK_API_TOKEN in `.dev.vars` it syncs that account.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { startZendeskSandbox, type RunningSandbox } from '../connectors/zendesk/sandbox/serve.ts'
import { adminClient, type AdminClient } from './admin-client.ts'
import { loadDevVars } from './dev-vars.ts'

const PORT = Number(process.env.PORT ?? 8787)
const WORKER = `http://127.0.0.1:${PORT}`
const SYNC_TIMEOUT_MS = 5 * 60_000

const children: ChildProcess[] = []
const closers: Array<() => Promise<void>> = []

async function main(): Promise<void> {
  const vars = loadDevVars('.dev.vars')
  const real = vars.ZENDESK_SUBDOMAIN && vars.ZENDESK_EMAIL && vars.ZENDESK_API_TOKEN
  step(real ? `Real Zendesk account: ${vars.ZENDESK_SUBDOMAIN}` : 'Demo mode: vendor sandboxes')

  let sandbox: RunningSandbox | null = null
  if (!real) {
    sandbox = await startZendeskSandbox({ rateLimits: { timeScale: 6 } })
    closers.push(() => sandbox!.close())
    step(`Zendesk sandbox on ${sandbox.url} (${sandbox.sandbox.state.account.tickets.size} tickets)`)
  }

  // A demo starts from empty state so what you see is this run's sync; a real account keeps its state.
  const persistTo = real ? '.wrangler/state' : '.wrangler/demo-state'
  if (!real) rmSync(persistTo, { recursive: true, force: true })
  await startWorker(persistTo)
  const admin = adminClient(WORKER, vars.CXLENS_ADMIN_TOKEN!)

  const tenant = await admin.post<{ tenantId: string; apiKey: string }>('/admin/tenants', {
    name: real ? `Tenant for ${vars.ZENDESK_SUBDOMAIN}` : 'Demo',
  })
  const connection = await admin.post<{ id: string }>(
    `/admin/tenants/${tenant.tenantId}/connections`,
    real
      ? {
          source: 'zendesk',
          subdomain: vars.ZENDESK_SUBDOMAIN,
          auth: { kind: 'api_token', email: vars.ZENDESK_EMAIL, token: vars.ZENDESK_API_TOKEN },
        }
      : {
          source: 'zendesk',
          baseUrl: sandbox!.url,
          account: sandbox!.sandbox.state.account.subdomain,
          auth: {
            kind: 'api_token',
            email: sandbox!.sandbox.credentials.email,
            token: sandbox!.sandbox.credentials.apiToken,
          },
        },
  )
  step(`Tenant ${tenant.tenantId}, connection ${connection.id}: first sync running`)
  const started = Date.now()
  await waitForSync(admin, `/admin/tenants/${tenant.tenantId}/connections/${connection.id}`)
  step(`First sync complete in ${((Date.now() - started) / 1000).toFixed(1)} s`)

  await printLinks(admin, tenant, connection.id)
  console.log('\nThe worker keeps syncing every 5 minutes. Ctrl-C stops everything.')
}

async function startWorker(persistTo: string): Promise<void> {
  if (await answers(`${WORKER}/healthz`)) {
    throw new Error(`something already listens on ${WORKER}: stop it, or run with PORT=<another port>`)
  }
  // Its own process group, so that stopping cxlens also stops wrangler's workerd.
  const child = spawn(
    'npx',
    ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(PORT), '--persist-to', persistTo],
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

async function waitForSync(admin: AdminClient, path: string): Promise<void> {
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
    if (line !== last) console.log(`  ${elapsed}s  ${line}`)
    last = line
    const failed = state.streams.filter((s) => s.status === 'failed')
    if (failed.length) {
      throw new Error(`sync failed: ${failed.map((s) => `${s.stream}: ${s.lastError?.message}`)}`)
    }
    // Streams appear as the run reaches them: done means the whole run reached the vendor's present.
    if (state.lastSlice?.done && state.streams.every((s) => s.caughtUp)) return
    await sleep(1000)
  }
  throw new Error(`the first sync did not finish within ${SYNC_TIMEOUT_MS / 1000} s`)
}

interface CustomerSummary {
  id: string
  displayName: string
  openFriction: number
  latestNps: string | null
  sources: string[]
}

async function printLinks(
  admin: AdminClient,
  tenant: { tenantId: string; apiKey: string },
  connectionId: string,
): Promise<void> {
  const auth = `-H 'Authorization: Bearer ${tenant.apiKey}'`
  const list = await admin.get<{ customers: CustomerSummary[] }>(
    `/admin/tenants/${tenant.tenantId}/customers?has=friction&limit=200`,
  )
  const picks = pickInteresting(list.customers)
  console.log('\nCustomers worth a look (paste a line):')
  for (const c of picks) {
    const why = [
      c.sources.join('+'),
      c.latestNps ? `NPS ${c.latestNps}` : 'no NPS',
      `${c.openFriction} open friction`,
    ].join(', ')
    console.log(`  # ${c.displayName} (${why})`)
    console.log(`  curl -s ${auth} ${WORKER}/v1/customers/${c.id}`)
  }
  console.log('\nSync state of the connection (per stream: cursor, lag, counts, requests, errors):')
  console.log(
    `  curl -s -H 'Authorization: Bearer ${admin.token}' ${WORKER}/admin/tenants/${tenant.tenantId}/connections/${connectionId}`,
  )
  if (existsSync('apps/zendesk-sidebar/manifest.json')) {
    console.log(`\nThe Zendesk sidebar, as an agent sees it: ${WORKER}/preview?tenant=${tenant.tenantId}`)
  }
}

/** A few customers that show the product: both tools, detractors, the most open friction. */
function pickInteresting(customers: CustomerSummary[]): CustomerSummary[] {
  const byFriction = [...customers].sort((a, b) => b.openFriction - a.openFriction)
  const picks = new Map<string, CustomerSummary>()
  const add = (c: CustomerSummary | undefined) => c && picks.size < 4 && picks.set(c.id, c)
  add(byFriction.find((c) => c.sources.length > 1 && c.latestNps === 'detractor'))
  add(byFriction.find((c) => c.latestNps === 'detractor'))
  for (const c of byFriction) add(c)
  return [...picks.values()]
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
