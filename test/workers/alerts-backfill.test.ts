import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { createZendeskSandbox, DEFAULT_CREDENTIALS } from '../../connectors/zendesk/sandbox/app.ts'
import { addZendeskConnection, admin, createTenant } from './http.ts'
import { routeOutbound } from './outbound.ts'
import { syncToCompletion } from './sync-helpers.ts'

const RECEIVER = 'https://backfill-receiver.test'
const received: string[] = []

interface LogEntry {
  status: string
  reason: string | null
}

/** A tenant whose first Zendesk sync reads a sandbox with a year of history, alerts on. */
async function firstSync(name: string, rules: Record<string, unknown>) {
  const subdomain = `backfill-${name.toLowerCase()}`
  const origin = `https://${subdomain}.zendesk-sandbox.test`
  // The same seed: both tenants read the same history.
  const sandbox = createZendeskSandbox({
    seed: 5,
    users: 40,
    tickets: 160,
    years: 1,
    subdomain,
    now: Date.now() - 10 * 60_000,
  })
  sandbox.setClock(() => Date.now())
  routeOutbound(origin, (request) => sandbox.app.fetch(request))
  const t = await createTenant(name)
  const put = await admin('PUT', `/admin/tenants/${t.tenantId}/alerts/rules`, {
    webhook: { url: `${RECEIVER}/${t.tenantId}` },
    rules,
  })
  expect(put.status, put.text).toBe(200)
  const created = await addZendeskConnection(t.tenantId, {
    subdomain: undefined,
    baseUrl: origin,
    account: subdomain,
    auth: {
      kind: 'api_token',
      email: DEFAULT_CREDENTIALS.email,
      token: DEFAULT_CREDENTIALS.apiToken,
    },
  })
  expect(created.status, created.text).toBe(201)
  await syncToCompletion(t.tenantId, created.json!.id as string)
  // Passes after the sync: anything pending would be delivered by now.
  await runDurableObjectAlarm(tenantStub(env, t.tenantId))
  await runDurableObjectAlarm(tenantStub(env, t.tenantId))
  const log = await admin('GET', `/admin/tenants/${t.tenantId}/alerts?limit=200`)
  expect(log.status, log.text).toBe(200)
  return { tenantId: t.tenantId, log: log.json!.alerts as LogEntry[] }
}

beforeAll(() => {
  routeOutbound(RECEIVER, (request) => {
    received.push(new URL(request.url).pathname.slice(1))
    return new Response(null, { status: 204 })
  })
})

describe("a connection's first backfill", () => {
  // A year: all the sandbox's history is in the window, so the second tenant shows it would raise.
  const window = { windowHours: 366 * 24 }

  it('raises nothing: what it brings is logged as suppressed history', async () => {
    const quiet = await firstSync('Quiet', window)
    expect(received.filter((t) => t === quiet.tenantId)).toEqual([])
    expect(quiet.log.length).toBeGreaterThan(0)
    expect(new Set(quiet.log.map((a) => `${a.status}/${a.reason}`))).toEqual(
      new Set(['suppressed/backfill']),
    )
  }, 120_000)

  it('raises the history in the window when an admin asks for it', async () => {
    const loud = await firstSync('Loud', { ...window, raiseBackfill: true })
    const delivered = loud.log.filter((a) => a.status === 'delivered')
    expect(delivered.length).toBeGreaterThan(0)
    expect(received.filter((t) => t === loud.tenantId)).toHaveLength(delivered.length)
  }, 120_000)
})
