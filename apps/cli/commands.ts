import type { ConnectionStatus, RunStarted } from '../worker/tenant/connection-ops.ts'
import type { RunRecord } from '../worker/tenant/runs.ts'
import type { QuarantinePage } from '../worker/tenant/rpc-types.ts'
import { CliError, EXIT, type AdminClient } from './client.ts'

/**
 * The commands of `cxlens`, without argument parsing or printing: each returns the data `--json`
 * prints, so tests run them against the worker itself.
 */

export interface TenantEntry {
  tenantId: string
  name: string
  createdAt: string
}

export interface Located {
  tenantId: string
  connectionId: string
}

export async function tenants(call: AdminClient): Promise<{ tenants: TenantEntry[] }> {
  const all: TenantEntry[] = []
  let after = ''
  for (;;) {
    const page = await call<{ tenants: TenantEntry[]; next: string | null }>(
      'GET',
      `/admin/tenants?limit=500&after=${after}`,
    )
    all.push(...page.tenants)
    if (!page.next) return { tenants: all }
    after = page.next
  }
}

export type ConnectionRow = ConnectionStatus & { tenantId: string }

export async function connections(
  call: AdminClient,
  options: { tenant?: string } = {},
): Promise<{ connections: ConnectionRow[] }> {
  const ids = options.tenant
    ? [options.tenant]
    : (await tenants(call)).tenants.map((t) => t.tenantId)
  const rows: ConnectionRow[] = []
  for (const tenantId of ids) {
    const status = await call<{ connections: ConnectionStatus[] }>(
      'GET',
      `/admin/tenants/${tenantId}/status`,
    )
    rows.push(...status.connections.map((c) => ({ tenantId, ...c })))
  }
  return { connections: rows }
}

/** The deployment at a glance: reachable, its tenants and each connection's state. */
export async function status(call: AdminClient) {
  const list = await tenants(call)
  const out = []
  for (const tenant of list.tenants) {
    const s = await call<{ connections: ConnectionStatus[] }>(
      'GET',
      `/admin/tenants/${tenant.tenantId}/status`,
    )
    out.push({ ...tenant, connections: s.connections })
  }
  return { tenants: out }
}

/** Which tenant a connection belongs to: `--tenant`, else searched among every tenant. */
export async function locate(
  call: AdminClient,
  connectionId: string,
  tenant?: string,
): Promise<Located> {
  if (!/^con_[0-9a-z]{20}$/.test(connectionId)) {
    throw new CliError(`"${connectionId}" is not a connection id (con_…)`, EXIT.usage)
  }
  if (tenant) return { tenantId: tenant, connectionId }
  for (const { tenantId } of (await tenants(call)).tenants) {
    const { connections: list } = await call<{ connections: { id: string }[] }>(
      'GET',
      `/admin/tenants/${tenantId}/connections`,
    )
    if (list.some((c) => c.id === connectionId)) return { tenantId, connectionId }
  }
  throw new CliError(`No connection ${connectionId} in any tenant`, EXIT.notFound)
}

const pathOf = (at: Located) => `/admin/tenants/${at.tenantId}/connections/${at.connectionId}`

export const startRun = (call: AdminClient, at: Located) =>
  call<RunStarted>('POST', `${pathOf(at)}/runs`)

export const backfill = (call: AdminClient, at: Located, since: string) =>
  call<RunStarted & { since: string }>('POST', `${pathOf(at)}/backfill`, { since })

export const pause = (call: AdminClient, at: Located) =>
  call<ConnectionStatus>('POST', `${pathOf(at)}/pause`)

export const resume = (call: AdminClient, at: Located) =>
  call<ConnectionStatus>('POST', `${pathOf(at)}/resume`)

/** `15m`, `2h`, `30` (minutes) or a five-field cron expression. */
export function parseSchedule(text: string): { everyMinutes: number } | { cron: string } {
  const trimmed = text.trim()
  const interval = /^(\d+)\s*(m|min|h)?$/i.exec(trimmed)
  if (interval) {
    const n = Number(interval[1])
    return { everyMinutes: interval[2]?.toLowerCase() === 'h' ? n * 60 : n }
  }
  if (trimmed.split(/\s+/).length === 5) return { cron: trimmed }
  throw new CliError(
    `"${text}" is neither an interval (15m, 2h, 30) nor a cron expression ("0 * * * *")`,
    EXIT.usage,
  )
}

export const schedule = (call: AdminClient, at: Located, text: string) =>
  call<ConnectionStatus>('PATCH', pathOf(at), { schedule: parseSchedule(text) })

export const quarantine = (call: AdminClient, at: Located, limit: number) =>
  call<QuarantinePage>('GET', `${pathOf(at)}/quarantine?limit=${limit}`)

/** A connection's runs, or every connection's when none is named, newest first. */
export async function runs(
  call: AdminClient,
  options: { at?: Located; limit: number; tenant?: string },
): Promise<{ runs: (RunRecord & { tenantId: string })[] }> {
  const targets = options.at
    ? [options.at]
    : (await connections(call, { tenant: options.tenant })).connections.map((c) => ({
        tenantId: c.tenantId,
        connectionId: c.connection.id,
      }))
  const all: (RunRecord & { tenantId: string })[] = []
  for (const at of targets) {
    const page = await call<{ runs: RunRecord[] }>(
      'GET',
      `${pathOf(at)}/runs?limit=${options.limit}`,
    )
    all.push(...page.runs.map((r) => ({ tenantId: at.tenantId, ...r })))
  }
  all.sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.runId - a.runId)
  return { runs: all.slice(0, options.limit) }
}

/**
 * Follows a run until it ends, calling `onProgress` with every reading. `wait` paces the polls
 * (a sleep; tests fire the tenant's alarm instead).
 */
export async function follow(
  call: AdminClient,
  at: Located,
  runId: number,
  options: { wait: () => Promise<void>; onProgress?: (run: RunRecord) => void; maxPolls?: number },
): Promise<RunRecord> {
  for (let poll = 0; poll < (options.maxPolls ?? Infinity); poll++) {
    const { runs: recent } = await call<{ runs: RunRecord[] }>('GET', `${pathOf(at)}/runs?limit=5`)
    const run = recent.find((r) => r.runId === runId)
    if (!run) throw new CliError(`Run ${runId} is no longer in the history`, EXIT.failure)
    options.onProgress?.(run)
    if (run.outcome !== 'running') return run
    await options.wait()
  }
  throw new CliError(`Run ${runId} still running after ${options.maxPolls} polls`, EXIT.failure)
}

/** A followed run that did not succeed fails the command. */
export const runExitCode = (run: RunRecord): number =>
  run.outcome === 'succeeded' ? EXIT.ok : EXIT.failure
