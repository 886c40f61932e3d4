import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createZendeskSandbox,
  DEFAULT_CREDENTIALS,
  type ZendeskSandbox,
} from '../../connectors/zendesk/sandbox/app.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { ConnectionStatus, RunStarted } from '../../apps/worker/tenant/connection-ops.ts'
import type { RunRecord } from '../../apps/worker/tenant/runs.ts'
import type { Tenant } from '../../apps/worker/tenant/tenant.ts'
import { addZendeskConnection, admin, call, createTenant } from './http.ts'
import { routeOutbound } from './outbound.ts'

const SANDBOX = 'https://zendesk-ops.test'
const ACCOUNT = 'acme-ops'
const DAY = 86_400_000

let sandbox: ZendeskSandbox
let tenantId: string
let apiKey: string
let connectionId: string
let base: string

/** Fires the alarm until run `runId` ended; returns it. */
async function driveRun(runId: number, maxRounds = 200): Promise<RunRecord> {
  const stub = tenantStub(env, tenantId)
  for (let round = 0; round < maxRounds; round++) {
    await runDurableObjectAlarm(stub)
    const { runs } = (await admin('GET', `${base}/runs?limit=50`)).json as { runs: RunRecord[] }
    const run = runs.find((r) => r.runId === runId)
    if (run && run.outcome !== 'running') return run
    await scheduler.wait(10)
  }
  throw new Error(`run ${runId} did not end in ${maxRounds} rounds`)
}

const startRun = async () => {
  const res = await admin('POST', `${base}/runs`)
  expect(res.status, res.text).toBe(202)
  return res.json as unknown as RunStarted
}

beforeAll(async () => {
  sandbox = createZendeskSandbox({
    seed: 23,
    users: 20,
    tickets: 40,
    years: 1,
    subdomain: ACCOUNT,
    now: Date.now() - 10 * 60_000,
  })
  sandbox.setClock(() => Date.now())
  routeOutbound(SANDBOX, (request) => sandbox.app.fetch(request))
  ;({ tenantId, apiKey } = await createTenant('Ops runs'))
  const created = await addZendeskConnection(tenantId, {
    subdomain: undefined,
    baseUrl: SANDBOX,
    account: ACCOUNT,
    schedule: { everyMinutes: 60 },
    auth: {
      kind: 'api_token',
      email: DEFAULT_CREDENTIALS.email,
      token: DEFAULT_CREDENTIALS.apiToken,
    },
  })
  expect(created.status, created.text).toBe(201)
  connectionId = created.json?.id as string
  base = `/admin/tenants/${tenantId}/connections/${connectionId}`
}, 60_000)

describe('runs', () => {
  it('two run requests make one run, recorded with per-stream counts', async () => {
    const first = await startRun()
    const second = await startRun()
    expect(second.run.runId).toBe(first.run.runId)
    expect(second.joined).toBe(true)
    const run = await driveRun(first.run.runId)
    expect(run.outcome).toBe('succeeded')
    expect(run.slices).toBeGreaterThan(1)
    expect(run.streams.map((s) => s.stream).sort()).toEqual([
      'organizations',
      'satisfaction_ratings',
      'survey_responses',
      'tickets',
      'users',
    ])
    const state = (await admin('GET', base)).json as {
      streams: { stream: string; requests: number; counts: { fetched: number } }[]
    }
    // The first run is everything the streams ever did: its counts are the streams' totals.
    for (const s of run.streams) {
      const total = state.streams.find((t) => t.stream === s.stream)!
      expect([s.stream, s.records, s.requests]).toEqual([
        s.stream,
        total.counts.fetched,
        total.requests,
      ])
      expect(s.pages).toBeGreaterThan(0)
      expect(s.done).toBe(true)
    }
    expect(run.requests).toBe(run.streams.reduce((n, s) => n + s.requests, 0))
    const { runs } = (await admin('GET', `${base}/runs`)).json as { runs: RunRecord[] }
    expect(runs.filter((r) => r.runId === run.runId)).toHaveLength(1)
    expect((await admin('GET', `${base}/runs/current`)).json).toEqual({ run: null })
  })

  it('a backfill re-reads from its date, resumes after a lost alarm, and matches the ground truth', async () => {
    const since = new Date(Date.now() - 120 * DAY).toISOString()
    const changed = sandbox.mutate({
      updatedTickets: 4,
      newTickets: 3,
      at: Date.now() - 5 * 60_000,
    })
    const stub = tenantStub(env, tenantId)
    const countTickets = () =>
      runInDurableObject(stub, (instance: Tenant) => {
        const [row] = instance.store.sql.all<{ n: number }>(
          "SELECT count(*) AS n FROM records WHERE object = 'ticket'",
        )
        return Number(row?.n)
      })
    const before = await countTickets()

    const res = await admin('POST', `${base}/backfill`, { since })
    expect(res.status, res.text).toBe(202)
    const started = res.json as unknown as RunStarted & { since: string }
    expect(started.run).toMatchObject({ trigger: 'backfill', outcome: 'running' })

    // One slice, then the object loses its alarm (a crash, a deploy): the run stays open.
    await runDurableObjectAlarm(stub)
    const live = (await admin('GET', `${base}/runs/current`)).json as { run: RunRecord }
    expect(live.run.runId).toBe(started.run.runId)
    expect(live.run.outcome).toBe('running')
    expect(live.run.streams.reduce((n, s) => n + s.pages, 0)).toBeGreaterThan(0)
    await runInDurableObject(stub, (_i, state) => state.storage.deleteAlarm())
    await stub.armAlarm() // the cron watchdog's call
    const run = await driveRun(started.run.runId)
    expect(run.outcome).toBe('succeeded')

    // Re-read: at least every ticket updated since `since`; nothing deleted, the new ones added.
    const truth = sandbox.groundTruth()
    const sinceMs = Date.parse(since)
    const updatedSince = truth.tickets.filter((t) => Date.parse(t.updated_at) >= sinceMs)
    expect(run.streams.find((s) => s.stream === 'tickets')!.records).toBeGreaterThanOrEqual(
      updatedSince.length,
    )
    expect(await countTickets()).toBe(before + changed.tickets.created.length)
    const mismatches = await runInDurableObject(stub, (instance: Tenant) =>
      truth.tickets.flatMap((t) => {
        const stored = instance.store.getRecord({
          source: 'zendesk',
          account: ACCOUNT,
          object: 'ticket',
          id: String(t.id),
        })
        if (!stored) return [`ticket ${t.id} missing`]
        return stored.updatedAt === new Date(t.updated_at).toISOString() ? [] : [`${t.id} stale`]
      }),
    )
    expect(mismatches).toEqual([])
    const { runs } = (await admin('GET', `${base}/runs`)).json as { runs: RunRecord[] }
    expect(runs.map((r) => r.trigger).slice(0, 1)).toEqual(['backfill'])
  })

  it('a bad backfill date is a 400 naming the field', async () => {
    const res = await admin('POST', `${base}/backfill`, { since: 'last tuesday' })
    expect(res.status).toBe(400)
    expect(res.text).toContain('body.since')
  })
})

describe('connection operations', () => {
  it('pauses (no run, no next time) and resumes', async () => {
    const paused = await admin('POST', `${base}/pause`)
    expect(paused.status, paused.text).toBe(200)
    expect(paused.json).toMatchObject({ paused: true, nextRunAt: null })
    const refused = await admin('POST', `${base}/runs`)
    expect(refused.status).toBe(409)
    expect(refused.type).toContain('problem+json')
    const resumed = (await admin('POST', `${base}/resume`)).json as unknown as ConnectionStatus
    expect(resumed.paused).toBe(false)
    expect(Date.parse(resumed.nextRunAt!)).toBeLessThanOrEqual(Date.now())
  })

  it('changes the schedule to a cron expression and back, the limits and the credentials', async () => {
    const cron = await admin('PATCH', base, { schedule: { cron: '15 3 * * *' } })
    expect(cron.status, cron.text).toBe(200)
    const status = cron.json as unknown as ConnectionStatus
    expect(status.schedule).toEqual({ cron: '15 3 * * *' })
    if (status.currentRun === null) expect(status.nextRunAt).toMatch(/T03:15:00.000Z$/)
    expect((await admin('PATCH', base, { schedule: { cron: '61 * * * *' } })).status).toBe(400)
    expect((await admin('PATCH', base, {})).status).toBe(400)
    const back = (await admin('PATCH', base, { schedule: { everyMinutes: 30 } }))
      .json as unknown as ConnectionStatus
    expect(back.schedule).toEqual({ everyMinutes: 30 })
    expect(back.connection.schedule).toEqual({ everyMinutes: 30 })

    const limits = await admin('PATCH', base, { limits: { accountPerMinute: 200 } })
    expect((limits.json as unknown as ConnectionStatus).connection.limits).toEqual({
      accountPerMinute: 200,
    })
    const hubSpotLimits = await admin('PATCH', base, { limits: { tenSecondly: 100 } })
    expect(hubSpotLimits.status).toBe(400)
    const auth = await admin('PATCH', base, {
      auth: { kind: 'oauth', accessToken: 'new-oauth-token-abc' },
    })
    expect(auth.status, auth.text).toBe(200)
    expect((auth.json as unknown as ConnectionStatus).connection.auth).toEqual({ kind: 'oauth' })
    expect(auth.text).not.toContain('new-oauth-token-abc')
    const missing = `/admin/tenants/${tenantId}/connections/con_00000000000000000000`
    expect((await admin('PATCH', missing, { schedule: { everyMinutes: 5 } })).status).toBe(404)
  })
})

describe('tenants', () => {
  it('lists, renames and rotates the API key with a grace period', async () => {
    const listed = (await admin('GET', '/admin/tenants?limit=500')).json as {
      tenants: { tenantId: string; name: string }[]
    }
    expect(listed.tenants.find((t) => t.tenantId === tenantId)?.name).toBe('Ops runs')
    const renamed = await admin('PATCH', `/admin/tenants/${tenantId}`, { name: 'Ops renamed' })
    expect(renamed.json).toEqual({ tenantId, name: 'Ops renamed' })
    const status = (await admin('GET', `/admin/tenants/${tenantId}/status`)).json as {
      name: string
      connections: ConnectionStatus[]
    }
    expect(status.name).toBe('Ops renamed')
    expect(status.connections.map((c) => c.connection.id)).toEqual([connectionId])

    // An empty import is a 4xx after authentication; a refused key is a 401.
    const authorised = async (key: string) =>
      (await call('POST', '/v1/responses', { token: key, body: {} })).status !== 401
    expect(await authorised(apiKey)).toBe(true)
    const graced = (await admin('POST', `/admin/tenants/${tenantId}/api-key/rotate`, {})).json as {
      apiKey: string
      previousKeyExpiresAt: string
    }
    expect(Date.parse(graced.previousKeyExpiresAt)).toBeGreaterThan(Date.now() + DAY - 60_000)
    expect(await authorised(graced.apiKey)).toBe(true)
    expect(await authorised(apiKey)).toBe(true)
    const immediate = (
      await admin('POST', `/admin/tenants/${tenantId}/api-key/rotate`, { graceSeconds: 0 })
    ).json as { apiKey: string }
    expect(await authorised(immediate.apiKey)).toBe(true)
    expect(await authorised(graced.apiKey)).toBe(false)
    expect(await authorised(apiKey)).toBe(true) // still inside its own day of grace
  })
})
