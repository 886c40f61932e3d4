// CPU of the ingest path (map, store, derive) on Node, apart from any vendor: a Zendesk sandbox with
// 2–8 KB tickets in a child process, `runSlice` over `TenantStore` on a node:sqlite file, sliced as
// the worker's alarm slices (SLICE_MAX_RECORDS items, then the slice's derive), then the derive
// queue drained. Prints CPU per 1,000 records, the slices' CPU (max, p95), records/s and, with
// `--profile`, the functions with the most self time (node:inspector's sampling profiler).
//
//   node bench/ingest-cpu.ts --tickets 20000 --users 4000 [--profile artifacts/ingest.cpuprofile]
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createZendeskConnector } from '../connectors/zendesk/index.ts'
import { openNodeSqlite } from '../core/store/node-sqlite.ts'
import { TenantStore, type SqlPort } from '../core/store/index.ts'
import { derivePendingPaced, derivePendingSlice } from '../core/sync/derive.ts'
import { createHttpClient } from '../core/sync/http.ts'
import { runSlice, type RunSliceInput } from '../core/sync/run-slice.ts'
import type { Connector } from '../core/sync/types.ts'

const { values } = parseArgs({
  options: {
    tickets: { type: 'string', default: '20000' },
    users: { type: 'string', default: '4000' },
    seed: { type: 'string', default: '42' },
    profile: { type: 'string' },
    'sql-stats': { type: 'boolean', default: false },
    /** People a slice derives at most (runSlice's default: 1,000); the rest drain at the end. */
    'slice-derive': { type: 'string' },
  },
})

const child = fork(
  new URL('./ingest-sandbox-child.ts', import.meta.url),
  [
    JSON.stringify({
      seed: Number(values.seed),
      users: Number(values.users),
      tickets: Number(values.tickets),
    }),
  ],
  { execArgv: [] },
)
const sandbox = await new Promise<{ url: string; email: string; apiToken: string }>((resolve) =>
  child.once('message', (m) => resolve(m as { url: string; email: string; apiToken: string })),
)

const dir = mkdtempSync(join(tmpdir(), 'ingest-cpu-'))
const file = openNodeSqlite(join(dir, 'tenant.sqlite'))
// No fsync per commit: a Durable Object's commits do not block the isolate on the disk either, and
// the waits would swamp the CPU this measures.
file.run('PRAGMA journal_mode = WAL')
file.run('PRAGMA synchronous = OFF')
const statements = new Map<string, { calls: number; ms: number }>()
const sql = values['sql-stats'] ? timed(file) : file
const store = new TenantStore(sql)
store.migrate()
store.putConnection({
  id: 'zd',
  source: 'zendesk',
  account: 'bench',
  baseUrl: sandbox.url,
  credentials: null,
  settings: {},
})
const connector = createZendeskConnector({
  account: 'bench',
  baseUrl: sandbox.url,
  auth: { kind: 'api_token', email: sandbox.email, token: sandbox.apiToken },
  accountRateLimit: 100_000,
  exportRateLimit: 1000,
})
const clock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
}
const http = createHttpClient({ fetch, rateBuckets: connector.rateBuckets, clock })

const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const session = values.profile ? new Session() : null
if (session) {
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 500 })
  await session.post('Profiler.start')
}

// CPU by phase: fetch (HTTP + JSON parse), write (writePage), derive; map is what remains.
const phases = { fetch: 0, write: 0, derive: 0 }
const inPhase = <T>(phase: keyof typeof phases, fn: () => T): T => {
  const start = cpuMs()
  try {
    return fn()
  } finally {
    phases[phase] += cpuMs() - start
  }
}
const writePage = store.writePage.bind(store)
store.writePage = (input) => inPhase('write', () => writePage(input))
const measured: Connector = {
  ...connector,
  streams: connector.streams.map((stream) => ({
    ...stream,
    fetchPage: async (cursor, ctx) => {
      const start = cpuMs()
      try {
        return await stream.fetchPage(cursor, ctx)
      } finally {
        phases.fetch += cpuMs() - start
      }
    },
  })),
}
const derive: RunSliceInput['derive'] = async (s, options) => {
  const start = cpuMs()
  try {
    return await derivePendingPaced(s, {
      ...options,
      pause: () => new Promise((r) => setTimeout(r, 0)),
    })
  } finally {
    phases.derive += cpuMs() - start
  }
}

const slices: number[] = []
let derivedInSlices = 0
let records = 0
const wallStart = performance.now()
const cpuStart = cpuMs()
for (;;) {
  const before = cpuMs()
  const result = await runSlice({
    store,
    connectionId: 'zd',
    connector: measured,
    http,
    derive,
    options: {
      maxRequests: 50,
      maxMillis: 20_000,
      ...(values['slice-derive'] ? { maxDerivePeople: Number(values['slice-derive']) } : {}),
    },
  })
  slices.push(cpuMs() - before)
  records += result.work.records
  derivedInSlices += result.work.derivedPeople
  if (result.errors.length) console.error(result.errors)
  if (result.done) break
}
let drained = 0
for (;;) {
  const before = cpuMs()
  const slice = inPhase('derive', () => derivePendingSlice(store, { now: Date.now() }))
  slices.push(cpuMs() - before)
  drained += slice.people
  if (slice.remaining === 0) break
}
const cpu = cpuMs() - cpuStart
const wall = performance.now() - wallStart

if (session) {
  const { profile } = await session.post('Profiler.stop')
  writeFileSync(values.profile!, JSON.stringify(profile))
  printTop(profile)
}

const people = store.countRecords('person')
const sorted = [...slices].sort((a, b) => a - b)
const p95 = sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]!
console.log(
  [
    `records ${records} (tickets, users, orgs, ratings, responses), ${store.countRecords()} stored`,
    `people derived: ${derivedInSlices} in the slices, ${drained} after the backfill; ` +
      `${((derivedInSlices + drained) / people).toFixed(2)} derives per person (${people} people)`,
    `CPU ${cpu.toFixed(0)} ms, per 1,000 records ${((cpu / records) * 1000).toFixed(0)} ms`,
    `by phase: ${Object.entries({
      ...phases,
      'map+other': cpu - phases.fetch - phases.write - phases.derive,
    })
      .map(([name, ms]) => `${name} ${((ms / records) * 1000).toFixed(0)} ms/1k`)
      .join(', ')}`,
    `slices ${slices.length}, CPU max ${sorted.at(-1)!.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms`,
    `wall ${wall.toFixed(0)} ms, records/s ${((records / wall) * 1000).toFixed(0)}`,
  ].join('\n'),
)
if (values['sql-stats']) {
  console.log('SQL statements by time:')
  for (const [text, s] of [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20)) {
    const line = text.replace(/\s+/g, ' ').slice(0, 110)
    console.log(`  ${s.ms.toFixed(0).padStart(6)} ms ${String(s.calls).padStart(7)}×  ${line}`)
  }
}
file.close()
rmSync(dir, { recursive: true, force: true })
child.disconnect()

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}
function printTop(profile: { nodes: Node[]; samples?: number[]; timeDeltas?: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  let total = 0
  profile.samples!.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    if (frame.functionName === '(idle)') return
    const us = profile.timeDeltas![i] ?? 0
    total += us
    const file = frame.url.split('/').slice(-2).join('/')
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + us)
  })
  console.log(`sampled CPU ${(total / 1000).toFixed(0)} ms; top self time:`)
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(
      `  ${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
    )
  }
}

/** The port with each statement's calls and time counted (`--sql-stats`). */
function timed(port: ReturnType<typeof openNodeSqlite>): SqlPort {
  const count = <T>(text: string, fn: () => T): T => {
    const start = performance.now()
    try {
      return fn()
    } finally {
      const entry = statements.get(text) ?? { calls: 0, ms: 0 }
      entry.calls++
      entry.ms += performance.now() - start
      statements.set(text, entry)
    }
  }
  return {
    all: (text, ...params) => count(text, () => port.all(text, ...params)),
    run: (text, ...params) => count(text, () => port.run(text, ...params)),
    transaction: (fn) => port.transaction(fn),
  }
}
