import type { ConnectionStatus } from '../worker/tenant/connection-ops.ts'
import type { RunRecord } from '../worker/tenant/runs.ts'
import type { QuarantinePage } from '../worker/tenant/rpc-types.ts'
import type { ConnectionRow, TenantEntry } from './commands.ts'

/** Human output of each command (`--json` prints the data instead). */

export function table(rows: string[][]): string {
  if (rows.length === 0) return ''
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

const scheduleText = (s: ConnectionStatus['schedule']) =>
  'cron' in s ? `cron ${s.cron}` : `every ${s.everyMinutes}m`

/** `active`, `needs_reconnect`, or `uninstalled (data deleted 2027-01-05)`. */
export function lifecycleText(c: ConnectionStatus): string {
  const { state, purgeAfter } = c.lifecycle
  return state === 'uninstalled' && purgeAfter
    ? `uninstalled (data deleted ${purgeAfter.slice(0, 10)})`
    : state
}

/** What to do, one line per connection that is not active. */
function lifecycleNotes(rows: ConnectionStatus[]): string {
  const notes = rows
    .filter((c) => c.lifecycle.state !== 'active' && c.lifecycle.action)
    .map((c) => `  ${c.connection.id} ${c.lifecycle.state}: ${c.lifecycle.action}`)
  return notes.length ? '\n\nTo do:\n' + notes.join('\n') : ''
}

const stateText = (c: ConnectionStatus) =>
  c.paused ? 'paused' : c.currentRun ? `running #${c.currentRun.runId}` : 'idle'

export function renderTenants({ tenants }: { tenants: TenantEntry[] }): string {
  if (tenants.length === 0) return 'No tenants.'
  return table([
    ['TENANT', 'NAME', 'CREATED'],
    ...tenants.map((t) => [t.tenantId, t.name, t.createdAt]),
  ])
}

export function renderConnections({ connections }: { connections: ConnectionRow[] }): string {
  if (connections.length === 0) return 'No connections.'
  return (
    table([
      [
        'CONNECTION',
        'TENANT',
        'SOURCE',
        'ACCOUNT',
        'LIFECYCLE',
        'SCHEDULE',
        'STATE',
        'LAST RUN',
        'NEXT RUN',
      ],
      ...connections.map((c) => [
        c.connection.id,
        c.tenantId,
        c.connection.source,
        c.connection.account,
        lifecycleText(c),
        scheduleText(c.schedule),
        stateText(c),
        c.lastRun ? `${c.lastRun.outcome} ${c.lastRun.endedAt ?? ''}` : '-',
        c.nextRunAt ?? '-',
      ]),
    ]) + lifecycleNotes(connections)
  )
}

export function renderStatus(
  url: string,
  { tenants }: { tenants: (TenantEntry & { connections: ConnectionStatus[] })[] },
): string {
  const connections = tenants.flatMap((t) =>
    t.connections.map((c) => ({ tenantId: t.tenantId, ...c })),
  )
  const running = connections.filter((c) => c.currentRun).length
  const paused = connections.filter((c) => c.paused).length
  const failed = connections.filter((c) => c.lastRun && c.lastRun.outcome !== 'succeeded').length
  const inState = (state: string) => connections.filter((c) => c.lifecycle.state === state).length
  return [
    `Worker ${url}: reachable, admin token accepted.`,
    `${tenants.length} tenant(s), ${connections.length} connection(s): ${running} running, ${paused} paused, ${failed} whose last run did not succeed, ${inState('needs_reconnect')} needing reconnection, ${inState('uninstalled')} uninstalled.`,
    connections.length ? '\n' + renderConnections({ connections }) : '',
  ].join('\n')
}

export function renderConnection(c: ConnectionStatus): string {
  return (
    `${c.connection.id} (${c.connection.source} ${c.connection.account}): ${scheduleText(c.schedule)}, ${stateText(c)}, next run ${c.nextRunAt ?? '-'}` +
    (c.lifecycle.state === 'active' ? '' : `; ${lifecycleText(c)}: ${c.lifecycle.action}`)
  )
}

const seconds = (s: number | null) =>
  s === null
    ? '?'
    : s >= 3600
      ? `${(s / 3600).toFixed(1)}h`
      : s >= 60
        ? `${Math.round(s / 60)}m`
        : `${s}s`

export function renderRun(run: RunRecord): string {
  const head = `Run #${run.runId} (${run.trigger}) ${run.outcome}: started ${run.startedAt}${run.endedAt ? `, ended ${run.endedAt}` : ''}; ${run.slices} slice(s), ${run.requests} request(s), ${run.rateLimited} × 429, waited ${Math.round(run.waitedMs / 1000)}s`
  const streams = table(
    run.streams.map((s) => [
      `  ${s.stream}`,
      `${s.records} records`,
      `${s.pages} pages`,
      s.done ? (s.error ? `failed: ${s.error}` : 'done') : `ETA ${seconds(s.etaSeconds)}`,
    ]),
  )
  const errors = run.errors.length
    ? '\n  errors:\n' + run.errors.map((e) => `    ${e}`).join('\n')
    : ''
  return head + (streams ? '\n' + streams : '') + errors
}

export function renderRuns({ runs }: { runs: (RunRecord & { tenantId?: string })[] }): string {
  if (runs.length === 0) return 'No runs yet.'
  return table([
    ['RUN', 'CONNECTION', 'TRIGGER', 'OUTCOME', 'STARTED', 'ENDED', 'RECORDS', 'REQUESTS', '429S'],
    ...runs.map((r) => [
      String(r.runId),
      r.connectionId,
      r.trigger,
      r.outcome,
      r.startedAt,
      r.endedAt ?? '-',
      String(r.streams.reduce((n, s) => n + s.records, 0)),
      String(r.requests),
      String(r.rateLimited),
    ]),
  ])
}

export function renderQuarantine(page: QuarantinePage): string {
  if (page.total === 0) return 'Nothing quarantined.'
  return (
    `${page.total} quarantined item(s), showing ${page.items.length}:\n` +
    table([
      ['STREAM', 'VENDOR ID', 'AT', 'REASON'],
      ...page.items.map((i) => [i.stream, i.vendorId, i.at, i.reason]),
    ])
  )
}
