import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { markNeedsReconnect } from '../../apps/worker/tenant/lifecycle-state.ts'
import { REFRESH_TIMING, requestRefresh } from '../../apps/worker/tenant/refresh.ts'
import { dueSchedules, earliestRun } from '../../apps/worker/tenant/scheduler.ts'
import { addZendeskConnection, admin, createTenant, uniqueSubdomain } from './http.ts'
import { inObject } from './lifecycle-helpers.ts'
import { install } from './outbound.ts'

// No vendor is reached here: every outbound call answers 401 (outbound.ts).
beforeAll(() => install())

type Problem = { type: string; status: number; detail: string; state: string; action: string }
type Status = {
  nextRunAt: string | null
  currentRun: unknown
  lifecycle: { state: string; purgeAfter: string | null; action: string | null }
}

const API_TOKEN = { kind: 'api_token', email: 'ops@acme.example', token: 'zd-secret-token-456' }

/** Every way an admin asks a connection for work, as method, path suffix and body. */
const WORK: [string, string, unknown?][] = [
  ['POST', '/sync'],
  ['POST', '/runs'],
  ['POST', '/backfill', { since: '2025-01-01' }],
  ['POST', '/resume'],
  ['POST', '/pause'],
  ['PATCH', '', { schedule: { everyMinutes: 10 } }],
  ['PATCH', '', { schedule: { cron: '0 * * * *' } }],
]

async function uninstalledConnection() {
  const { tenantId } = await createTenant('Gates')
  const subdomain = uniqueSubdomain('gates')
  const created = await addZendeskConnection(tenantId, { subdomain })
  expect(created.status).toBe(201)
  const connectionId = (created.json as { id: string }).id
  const path = `/admin/tenants/${tenantId}/connections/${connectionId}`
  const uninstall = await admin('POST', `${path}/uninstall`)
  expect(uninstall.status, uninstall.text).toBe(200)
  const purgeAfter = (uninstall.json as { lifecycle: { purgeAfter: string } }).lifecycle.purgeAfter
  return { tenantId, connectionId, subdomain, path, purgeAfter }
}

describe('an uninstalled connection', () => {
  it('refuses every request for work with a 409 problem naming its state and the fix', async () => {
    const { tenantId, connectionId, path, purgeAfter } = await uninstalledConnection()
    for (const [method, suffix, body] of WORK) {
      const res = await admin(method, `${path}${suffix}`, body)
      expect(res.status, `${method} ${suffix}: ${res.text}`).toBe(409)
      expect(res.type).toBe('application/problem+json')
      const problem = res.json as Problem & { purgeAfter: string }
      expect(problem.type).toBe('urn:cxlens:problem:connection-uninstalled')
      expect(problem.state).toBe('uninstalled')
      expect(problem.purgeAfter).toBe(purgeAfter)
      expect(problem.detail).toContain(`Connection ${connectionId} was uninstalled`)
      expect(problem.detail).toContain(`kept until ${purgeAfter}`)
      expect(problem.action).toMatch(/Install the Zendesk app again/)
      expect(problem.action).toContain(purgeAfter.slice(0, 10))
    }
    // Nothing was opened or scheduled by those requests, and the alarm runs nothing.
    await runDurableObjectAlarm(tenantStub(env, tenantId))
    const runs = await admin('GET', `${path}/runs`)
    expect(runs.json).toEqual({ runs: [] })
    await inObject(tenantId, (instance) => {
      const { sql } = instance.store
      expect(instance.store.listRuns(connectionId)).toEqual([])
      expect(sql.all('SELECT * FROM worker_schedule')).toEqual([])
      expect(sql.all('SELECT * FROM worker_connection_ops')).toEqual([])
    })
    const status = await admin('GET', `${path}/status`)
    expect(status.status).toBe(200)
    const body = status.json as Status
    expect(body.currentRun).toBeNull()
    expect(body.nextRunAt).toBeNull()
    expect(body.lifecycle).toMatchObject({ state: 'uninstalled', purgeAfter })
    expect(body.lifecycle.action).toContain(purgeAfter.slice(0, 10))
    const tenant = await admin('GET', `/admin/tenants/${tenantId}/status`)
    expect((tenant.json as { connections: Status[] }).connections[0]!.lifecycle.state).toBe(
      'uninstalled',
    )
  })

  it('gets no webhook refresh, and a schedule row that survived is never due', async () => {
    const { tenantId, connectionId } = await uninstalledConnection()
    await inObject(tenantId, (instance) => {
      const { sql } = instance.store
      const now = Date.now()
      expect(requestRefresh(sql, connectionId, now, REFRESH_TIMING.zendesk)).toBe('no_connection')
      // A row left behind (a reinstall racing the uninstall, an older object): still not run.
      sql.run(
        'INSERT INTO worker_schedule (connection_id, every_minutes, next_run_ms) VALUES (?, 5, 0)',
        connectionId,
      )
      expect(dueSchedules(sql, now)).toEqual([])
      expect(earliestRun(sql)).toBeNull()
      sql.run('DELETE FROM worker_schedule WHERE connection_id = ?', connectionId)
    })
  })

  it('is installed again by connecting its account again: same connection, active, due now', async () => {
    const { tenantId, connectionId, subdomain, path } = await uninstalledConnection()
    const again = await addZendeskConnection(tenantId, { subdomain, auth: API_TOKEN })
    expect(again.status, again.text).toBe(201)
    expect((again.json as { id: string }).id).toBe(connectionId)
    const status = (await admin('GET', `${path}/status`)).json as Status
    expect(status.lifecycle).toEqual({
      state: 'active',
      reason: null,
      since: null,
      purgeAfter: null,
      action: null,
    })
    expect(Date.parse(status.nextRunAt!)).toBeLessThanOrEqual(Date.now())
    const run = await admin('POST', `${path}/runs`)
    expect(run.status, run.text).toBe(202)
    // A second connect of the same (now active) account is the usual conflict.
    expect((await addZendeskConnection(tenantId, { subdomain })).status).toBe(409)
  })

  it('is installed again by an install’s new grant (the /connect flow): active, due now', async () => {
    const { tenantId, connectionId, subdomain, path } = await uninstalledConnection()
    const grant = {
      kind: 'oauth_grant' as const,
      accessToken: 'zd-access-after-reinstall',
      refreshToken: 'zd-refresh-after-reinstall',
      expiresAt: null,
      scopes: ['read'],
    }
    const result = await tenantStub(env, tenantId).install({
      op: 'connect',
      source: 'zendesk',
      account: subdomain,
      baseUrl: `https://${subdomain}.zendesk.com`,
      grant,
    })
    expect(result).toEqual({ connectionId, created: false })
    const status = (await admin('GET', `${path}/status`)).json as Status
    expect(status.lifecycle.state).toBe('active')
    expect(Date.parse(status.nextRunAt!)).toBeLessThanOrEqual(Date.now())
    const state = (await admin('GET', path)).json as { authorization?: { status: string } }
    expect(state.authorization?.status).toBe('active')
  })
})

describe('a connection that needs reconnecting', () => {
  it('refuses a run or backfill now, takes other operations, and new credentials clear it', async () => {
    const { tenantId } = await createTenant('Gates reconnect')
    const created = await addZendeskConnection(tenantId)
    const connectionId = (created.json as { id: string }).id
    const path = `/admin/tenants/${tenantId}/connections/${connectionId}`
    await inObject(tenantId, (instance) =>
      markNeedsReconnect(instance.store.sql, connectionId, 'Zendesk refuses it.', Date.now()),
    )
    for (const [method, suffix, body] of WORK.slice(0, 3)) {
      const res = await admin(method, `${path}${suffix}`, body)
      expect(res.status, `${method} ${suffix}: ${res.text}`).toBe(409)
      expect(res.type).toBe('application/problem+json')
      const problem = res.json as Problem
      expect(problem.type).toBe('urn:cxlens:problem:connection-needs-reconnect')
      expect(problem.detail).toContain('needs reconnecting: Zendesk refuses it. It cannot')
      expect(problem.action).toMatch(/PATCH the connection with auth/)
    }
    const before = (await admin('GET', `${path}/runs`)).json as { runs: unknown[] }
    expect(before.runs).toEqual([])
    // Pause, resume and a schedule change are not work asked of the vendor: taken.
    expect((await admin('POST', `${path}/pause`)).status).toBe(200)
    expect((await admin('POST', `${path}/resume`)).status).toBe(200)
    const edited = await admin('PATCH', path, { schedule: { everyMinutes: 15 } })
    expect(edited.status).toBe(200)
    expect((edited.json as Status).lifecycle).toMatchObject({
      state: 'needs_reconnect',
      reason: 'Zendesk refuses it.',
    })
    expect((edited.json as Status).lifecycle.action).toMatch(/new Zendesk credentials/)

    const fixed = await admin('PATCH', path, { auth: API_TOKEN })
    expect(fixed.status, fixed.text).toBe(200)
    const status = fixed.json as Status
    expect(status.lifecycle.state).toBe('active')
    expect(status.lifecycle.action).toBeNull()
    expect(Date.parse(status.nextRunAt!)).toBeLessThanOrEqual(Date.now())
    expect((await admin('POST', `${path}/runs`)).status).toBe(202)
  })
})
