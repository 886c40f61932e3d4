import { runDurableObjectAlarm } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { CliError, createClient, EXIT, type AdminClient } from '../../apps/cli/client.ts'
import * as commands from '../../apps/cli/commands.ts'
import { main } from '../../apps/cli/main.ts'
import {
  renderConnection,
  renderConnections,
  renderRun,
  renderRuns,
  renderStatus,
} from '../../apps/cli/render.ts'
import { createZendeskSandbox, DEFAULT_CREDENTIALS } from '../../connectors/zendesk/sandbox/app.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { RunRecord } from '../../apps/worker/tenant/runs.ts'
import { ADMIN_TOKEN, addZendeskConnection, admin, createTenant } from './http.ts'
import { routeOutbound } from './outbound.ts'

const SANDBOX = 'https://zendesk-cli.test'
const URL_ = 'https://cxlens.test'
/** The CLI's requests go to the worker under test (SELF.fetch), not the network. */
const workerFetch = (request: Request) => exports.default.fetch(request)
const cli = (token = ADMIN_TOKEN): AdminClient =>
  createClient({ url: URL_, token, fetch: workerFetch })
/** What `--json` prints: the command's data through JSON. */
const asJson = (data: unknown) => JSON.parse(JSON.stringify(data))

let tenantId: string
let connectionId: string

beforeAll(async () => {
  const sandbox = createZendeskSandbox({
    seed: 5,
    users: 12,
    tickets: 20,
    years: 1,
    subdomain: 'acme-cli',
    now: Date.now() - 10 * 60_000,
  })
  sandbox.setClock(() => Date.now())
  routeOutbound(SANDBOX, (request) => sandbox.app.fetch(request))
  ;({ tenantId } = await createTenant('CLI'))
  const created = await addZendeskConnection(tenantId, {
    subdomain: undefined,
    baseUrl: SANDBOX,
    account: 'acme-cli',
    auth: {
      kind: 'api_token',
      email: DEFAULT_CREDENTIALS.email,
      token: DEFAULT_CREDENTIALS.apiToken,
    },
  })
  connectionId = created.json?.id as string
}, 60_000)

describe('cxlens against the worker', () => {
  it('tenants, connections and status --json are what the admin API says', async () => {
    const api = (await admin('GET', '/admin/tenants?limit=500')).json as { tenants: unknown[] }
    const tenants = asJson(await commands.tenants(cli()))
    expect(tenants).toEqual({ tenants: api.tenants })

    const status = (await admin('GET', `/admin/tenants/${tenantId}/status`)).json as {
      connections: unknown[]
    }
    const connections = asJson(await commands.connections(cli(), { tenant: tenantId }))
    expect(connections.connections).toEqual(
      status.connections.map((c) => ({ tenantId, ...(c as object) })),
    )
    const all = asJson(await commands.status(cli()))
    const mine = all.tenants.find((t: { tenantId: string }) => t.tenantId === tenantId)
    expect(mine).toMatchObject({ name: 'CLI', connections: status.connections })
    expect(renderStatus(URL_, all)).toContain(connectionId)
  })

  it('finds a connection without --tenant; a malformed or unknown id is a usage or not-found exit', async () => {
    expect(await commands.locate(cli(), connectionId)).toEqual({ tenantId, connectionId })
    await expect(commands.locate(cli(), 'nope')).rejects.toMatchObject({ exitCode: EXIT.usage })
    await expect(commands.locate(cli(), 'con_00000000000000000000')).rejects.toMatchObject({
      exitCode: EXIT.notFound,
    })
  })

  it('sync --follow reports the run to its end; runs --json matches the API', async () => {
    const at = await commands.locate(cli(), connectionId)
    const started = await commands.startRun(cli(), at)
    const again = await commands.startRun(cli(), at)
    expect(again).toMatchObject({ joined: true, run: { runId: started.run.runId } })
    const readings: RunRecord[] = []
    const stub = tenantStub(env, tenantId)
    const run = await commands.follow(cli(), at, started.run.runId, {
      wait: () => runDurableObjectAlarm(stub).then(() => undefined),
      onProgress: (r) => readings.push(r),
      maxPolls: 200,
    })
    expect(run.outcome).toBe('succeeded')
    expect(commands.runExitCode(run)).toBe(EXIT.ok)
    // Progress grows monotonically while the run goes on.
    const pages = readings.map((r) => r.streams.reduce((n, s) => n + s.pages, 0))
    expect(pages).toEqual([...pages].sort((a, b) => a - b))
    expect(readings.length).toBeGreaterThan(1)
    expect(renderRun(run)).toContain('tickets')

    const api = (
      await admin('GET', `/admin/tenants/${tenantId}/connections/${connectionId}/runs?limit=5`)
    ).json as { runs: RunRecord[] }
    const listed = asJson(await commands.runs(cli(), { at, limit: 5 }))
    expect(listed.runs).toEqual(api.runs.map((r) => ({ tenantId, ...r })))
    expect(renderRuns(listed)).toContain(String(run.runId))
  })

  it('schedule, pause, resume and backfill --json are the API answers', async () => {
    const at = { tenantId, connectionId }
    const cron = asJson(await commands.schedule(cli(), at, '0 4 * * 1'))
    expect(cron.schedule).toEqual({ cron: '0 4 * * 1' })
    expect(asJson(await commands.schedule(cli(), at, '2h')).schedule).toEqual({ everyMinutes: 120 })
    expect(() => commands.parseSchedule('soon')).toThrow(CliError)
    const paused = asJson(await commands.pause(cli(), at))
    const api = (
      await admin('GET', `/admin/tenants/${tenantId}/connections/${connectionId}/status`)
    ).json
    expect(paused).toEqual(api)
    expect(paused.paused).toBe(true)
    await expect(commands.startRun(cli(), at)).rejects.toMatchObject({
      exitCode: EXIT.refused,
      message: expect.stringContaining('is paused; resume it first'),
    })
    expect(asJson(await commands.resume(cli(), at)).paused).toBe(false)
    const backfill = asJson(await commands.backfill(cli(), at, '2026-01-01'))
    expect(backfill).toMatchObject({
      since: '2026-01-01T00:00:00.000Z',
      run: { trigger: 'backfill' },
    })
    const quarantine = asJson(await commands.quarantine(cli(), at, 10))
    expect(quarantine).toEqual(
      (
        await admin(
          'GET',
          `/admin/tenants/${tenantId}/connections/${connectionId}/quarantine?limit=10`,
        )
      ).json,
    )
  })

  it('a wrong token is an unauthorized exit; an unreachable worker says so', async () => {
    await expect(commands.tenants(cli('wrong-token'))).rejects.toMatchObject({
      exitCode: EXIT.unauthorized,
      message: expect.stringContaining('CXLENS_ADMIN_TOKEN'),
    })
    const down = createClient({
      url: 'https://down.test',
      token: ADMIN_TOKEN,
      fetch: () => Promise.reject(new TypeError('connection refused')),
    })
    await expect(commands.status(down)).rejects.toMatchObject({
      exitCode: EXIT.unreachable,
      message: expect.stringContaining('https://down.test'),
    })
  })
})

describe('cxlens and a connection’s lifecycle', () => {
  it('connections and status show it; a refused sync prints the problem and exits 6', async () => {
    const { tenantId: tenant } = await createTenant('CLI lifecycle')
    const created = await addZendeskConnection(tenant)
    const id = created.json?.id as string
    const uninstall = await admin('POST', `/admin/tenants/${tenant}/connections/${id}/uninstall`)
    const purgeAfter = (uninstall.json as { lifecycle: { purgeAfter: string } }).lifecycle
      .purgeAfter
    const day = purgeAfter.slice(0, 10)

    const listed = asJson(await commands.connections(cli(), { tenant }))
    expect(listed.connections[0].lifecycle).toMatchObject({ state: 'uninstalled', purgeAfter })
    const table = renderConnections(listed)
    expect(table.split('\n')[0]).toContain('LIFECYCLE')
    expect(table).toContain(`uninstalled (data deleted ${day})`)
    expect(table).toMatch(new RegExp(`${id} uninstalled: Install the Zendesk app again`))
    const all = asJson(await commands.status(cli()))
    expect(renderStatus(URL_, all)).toMatch(/\d+ uninstalled\./)
    expect(renderConnection(listed.connections[0])).toContain(`data deleted ${day}`)

    const at = { tenantId: tenant, connectionId: id }
    await expect(commands.startRun(cli(), at)).rejects.toMatchObject({
      exitCode: EXIT.refused,
      message: expect.stringContaining(`Connection ${id} was uninstalled`),
    })
    await expect(commands.backfill(cli(), at, '2026-01-01')).rejects.toMatchObject({
      exitCode: EXIT.refused,
    })

    // The whole command, as a shell runs it: the detail on stderr, exit code 6.
    const unroute = routeOutbound(URL_, workerFetch)
    const stderr: string[] = []
    const write = process.stderr.write
    process.stderr.write = ((chunk: string) => (stderr.push(String(chunk)), true)) as never
    try {
      const code = await main(['--url', URL_, '--token', ADMIN_TOKEN, 'sync', id])
      expect(code).toBe(EXIT.refused)
    } finally {
      process.stderr.write = write
      unroute()
    }
    expect(stderr.join('')).toContain(`refused: Connection ${id} was uninstalled`)
    expect(stderr.join('')).toContain(`deleted on ${day}`)
  })
})
