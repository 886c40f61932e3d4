// HubSpot part of `npm run bench`: backfill + incremental of a scaled-up sandbox portal over
// loopback HTTP, requests vs their floor per stream (associations counted), ground-truth check.
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import {
  ARCHIVED_SWEEP_MS,
  createHubSpotConnector,
  STAGES_MAX_AGE_MS,
} from '../connectors/hubspot/index.ts'
import { TenantStore } from '../core/store/index.ts'
import { openNodeSqlite } from '../core/store/node-sqlite.ts'
import { createHttpClient } from '../core/sync/http.ts'
import { createRateBudget, type Clock } from '../core/sync/rate-budget.ts'
import { runSync, type SyncRun } from './cxlens-sync.ts'
import { forkChild } from './fork-child.ts'
import { compareBodies } from './record-bodies.ts'
import {
  compareViews,
  describeViewMismatches,
  storedViewFigures,
  type ViewComparison,
  type ViewFigures,
} from './views-check.ts'
import { checkHubSpot } from './hubspot-correctness.ts'
import type {
  HubSpotChildConfig,
  HubSpotChildRequest,
  HubSpotCounters,
  HubSpotInfo,
  HubSpotMutation,
  HubSpotMutationResult,
  HubSpotTruth,
} from './hubspot-protocol.ts'
import { fastNow } from './hubspot-protocol.ts'
import { backfillBound, type HubSpotRow, hubspotRow, incrementalBound } from './hubspot-rows.ts'
import { sampleMemory, type MemoryPeak } from './memory.ts'
import { recordingFetch } from './net-fetch.ts'
import { TARGET_RATIO } from './streams-report.ts'
import { fmt, table } from './table.ts'

export interface HubSpotBenchConfig {
  contacts: number
  bulkImport: number
  seed: number
  timeScale: number
  sliceRequests: number
  sliceMillis: number
}

interface Results {
  mutate: HubSpotMutationResult
  counters: HubSpotCounters
  reset: null
  truth: HubSpotTruth
  bodies: [string, string][]
  views: ViewFigures[]
  memory: { maxRssKb: number; rss: number }
}

const CONNECTION = 'hubspot-bench'
const STREAMS = ['companies', 'contacts', 'tickets', 'feedback_submissions'] as const

export async function runHubSpotBench(
  config: HubSpotBenchConfig,
  dir: string,
  progress: (line: string) => void,
) {
  // 80 % of contacts are people the generator shares with Zendesk, 20 % HubSpot-only; tickets and
  // feedback follow per person (0–4 tickets, CSAT/CES on closed ones, yearly NPS for 60 %).
  const childConfig: HubSpotChildConfig = {
    seed: config.seed,
    people: Math.round(config.contacts * 0.8),
    hubspotOnly: config.contacts - Math.round(config.contacts * 0.8),
    companies: Math.max(30, Math.round(config.contacts / 10)),
    timeScale: config.timeScale,
    clockStart: Date.now(),
    // 4 days: 9.6 min of real time at 600× before HubSpot's clock passes the real one.
    clockLeadMs: 4 * 24 * 3600_000,
  }
  progress(
    `hubspot: generating a portal of ${fmt.int(config.contacts)} contacts in the sandbox process`,
  )
  const child = await forkChild<HubSpotChildRequest, Results, HubSpotInfo>(
    new URL('./hubspot-child.ts', import.meta.url),
    childConfig,
  )
  try {
    return await bench(config, childConfig, child, dir, progress)
  } finally {
    await child.close()
  }
}

async function bench(
  config: HubSpotBenchConfig,
  childConfig: HubSpotChildConfig,
  child: Awaited<ReturnType<typeof forkChild<HubSpotChildRequest, Results, HubSpotInfo>>>,
  dir: string,
  progress: (line: string) => void,
) {
  const { url, token, portalId } = child.info
  const scale = config.timeScale
  // HubSpot's world, the connector and the rate budget share one clock running `scale`× faster.
  const clock: Clock = {
    now: () => fastNow(childConfig),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms / scale)),
  }
  const store = new TenantStore(openNodeSqlite(join(dir, 'hubspot.sqlite')))
  store.migrate()
  store.putConnection({
    id: CONNECTION,
    source: 'hubspot',
    account: portalId,
    baseUrl: url,
    credentials: null,
    settings: {},
  })
  const connector = createHubSpotConnector({
    account: portalId,
    baseUrl: url,
    auth: { kind: 'private_app', token },
  })
  const net = recordingFetch()
  const client = createHttpClient({
    fetch: net.fetch,
    budget: createRateBudget(connector.rateBuckets, clock),
    clock,
    classifyRateLimit: connector.classifyRateLimit,
  })
  const before = await child.call('truth')

  const phase = async (name: string) => {
    progress(`hubspot ${name}: syncing`)
    net.setPhase(name)
    await child.call('reset')
    const countsBefore = store.streamStates(CONNECTION)
    const memory = sampleMemory()
    const run = await runSync({
      store,
      connectionId: CONNECTION,
      connector,
      client,
      sliceRequests: config.sliceRequests,
      // The slice's 20 s is the worker's real time, so in the fast clock's ms it is `scale`× more.
      sliceMillis: config.sliceMillis * scale,
      clock,
      phaseOf: (cursor) =>
        cursor === null ? 'backfill' : (JSON.parse(cursor) as { phase: string }).phase,
      onSlice: (slice) => {
        if (slice % 10 === 0)
          progress(`hubspot ${name}: slice ${slice}, ${client.stats().total} requests so far`)
      },
    })
    const peak = memory.stop()
    const counters = await child.call('counters')
    progress(`hubspot ${name}: ${fmt.ms(run.wallMs)}, ${run.slices} slices`)
    // What the store did with the phase's records (its counts are cumulative per stream).
    const storeCounts = store.streamStates(CONNECTION).map((s) => {
      const was = countsBefore.find((b) => b.stream === s.stream)?.counts
      const delta = (k: 'written' | 'stale' | 'deleted' | 'quarantined') =>
        s.counts[k] - (was?.[k] ?? 0)
      return {
        stream: s.stream,
        written: delta('written'),
        stale: delta('stale'),
        deleted: delta('deleted'),
        quarantined: delta('quarantined'),
      }
    })
    return { name, run, memory: peak, counters, storeCounts }
  }

  const backfillRun = await phase('backfill')
  // The portal time the freshness terms of the incremental bound are judged from (below).
  const backfillEndedAt = clock.now()
  const backfill = {
    ...backfillRun,
    rows: STREAMS.map((stream) =>
      hubspotRow({
        stream,
        tally: backfillRun.run.streams[stream]!,
        bound: backfillBound(stream, before.rows[stream]),
        rows: before.rows[stream],
        counters: backfillRun.counters,
      }),
    ),
  }

  const n = config.contacts
  const mutation: HubSpotMutation = {
    updatedContacts: Math.round(n * 0.01),
    updatedTickets: Math.round(n * 0.02),
    updatedFeedback: Math.round(n * 0.0125),
    archivedTickets: Math.round(n * 0.002),
    merges: Math.round(n * 0.0005),
    privacyDeletions: Math.max(1, Math.round(n * 0.00025)),
    bulkImport: config.bulkImport,
  }
  progress(`hubspot: mutating (${fmt.int(config.bulkImport)} contacts imported at one timestamp)`)
  const changes = await child.call('mutate', mutation)
  // Search sees writes 2 s (portal time) later: wait that out in real time.
  await new Promise((resolve) => setTimeout(resolve, Math.ceil(2_000 / scale) + 5))
  const incrementalRun = await phase('incremental')
  // Freshness, not what the sync fetched: a client that shows deletions and merges within
  // ARCHIVED_SWEEP_MS, and keeps stage labels at most STAGES_MAX_AGE_MS old, must read the
  // archived list, and the pipelines, again once that long has passed since its backfill read
  // them, at the latest when the backfill ended (the least any such client must do).
  const incrementalEndedAt = clock.now()
  const sweepDue = incrementalEndedAt - backfillEndedAt >= ARCHIVED_SWEEP_MS
  const pipelinesDue = incrementalEndedAt - backfillEndedAt >= STAGES_MAX_AGE_MS
  const after = await child.call('truth')
  const changed: Record<(typeof STREAMS)[number], Set<string>> = {
    companies: new Set(),
    contacts: new Set([
      ...changes.contacts.updated,
      ...changes.contacts.merged.map((m) => m.survivor),
      ...changes.contacts.imported,
    ]),
    tickets: new Set(changes.tickets.updated),
    feedback_submissions: new Set(changes.feedback_submissions.updated),
  }
  const incremental = {
    ...incrementalRun,
    rows: STREAMS.map((stream) => {
      const tally = incrementalRun.run.streams[stream]!
      return hubspotRow({
        stream,
        tally,
        bound: incrementalBound(
          stream,
          changed[stream],
          after.rows[stream],
          sweepDue,
          pipelinesDue,
        ),
        rows: after.rows[stream],
        changed: changed[stream],
        counters: incrementalRun.counters,
      })
    }),
  }

  progress('hubspot: checking the store against the ground truth')
  const correctness = checkHubSpot(store, after)
  const bodies = compareBodies(store, await child.call('bodies'))
  const views = compareViews(await child.call('views'), storedViewFigures(store))
  const childMemory = await child.call('memory')
  return render({
    config,
    info: child.info,
    backfill,
    incremental,
    mutation,
    changes,
    correctness,
    bodies,
    views,
    childMemory,
    networkErrors: net.errors,
  })
}

interface Phase {
  name: string
  run: SyncRun
  memory: MemoryPeak
  counters: HubSpotCounters
  rows: HubSpotRow[]
  storeCounts: {
    stream: string
    written: number
    stale: number
    deleted: number
    quarantined: number
  }[]
}

/** Seconds the requests need at 1× under HubSpot's limits (190 / 10 s, 5 searches / s). */
function projectedSeconds(rows: HubSpotRow[]): number {
  const all = rows.reduce((n, r) => n + r.requests.total, 0)
  const searches = rows.reduce((n, r) => n + r.requests.search, 0)
  return Math.max(all / 19, searches / 5)
}

function render(input: {
  config: HubSpotBenchConfig
  info: HubSpotInfo
  backfill: Phase
  incremental: Phase
  mutation: HubSpotMutation
  changes: HubSpotMutationResult
  correctness: ReturnType<typeof checkHubSpot>
  bodies: ReturnType<typeof compareBodies>
  views: ViewComparison
  childMemory: { maxRssKb: number; rss: number }
  networkErrors: ReturnType<typeof recordingFetch>['errors']
}) {
  const { config, backfill, incremental, changes, correctness } = input
  const out: string[] = []
  const truthCounts = Object.entries(correctness.types)
    .map(([t, c]) => `${fmt.int(c.truth - c.archived)} ${t}`)
    .join(', ')
  out.push(
    `cxlens HubSpot benchmark — portal of ${truthCounts} (live at the end, seed ${config.seed}), time scale ${config.timeScale}× (10 s last ${fmt.ms(10_000 / config.timeScale)}), node ${process.version}, ${availableParallelism()} CPUs`,
    `Sandbox: separate process over loopback HTTP, generated in ${fmt.ms(input.info.generationMs)}, its RSS ${fmt.mb(input.childMemory.rss)} (peak ${fmt.mb(input.childMemory.maxRssKb * 1024)}); HubSpot's clock, the connector's and the rate budget's run ${config.timeScale}× faster than real time. Store: node:sqlite file. Slices: ${config.sliceRequests} requests / ${fmt.ms(config.sliceMillis)} (real), re-armed until done.`,
  )
  const assocText = (a: Record<string, number>) =>
    Object.entries(a)
      .map(([to, k]) => `${fmt.int(k)} ${to}`)
      .join(' + ')
  const phaseTable = (p: Phase) => {
    const rows: (string | number)[][] = [
      [
        'stream',
        'requests',
        'list',
        'archived',
        'search',
        'assoc batches',
        'pipelines',
        'sandbox',
        'records',
        'distinct',
        'lower bound',
        'ratio',
        `≤${TARGET_RATIO}`,
        'wall',
        'records/s',
      ],
    ]
    for (const r of p.rows)
      rows.push([
        r.stream,
        fmt.int(r.requests.total),
        fmt.int(r.requests.list),
        fmt.int(r.requests.archived),
        fmt.int(r.requests.search),
        assocText(r.requests.assoc) || '–',
        fmt.int(r.requests.pipelines),
        fmt.int(r.sandboxRequests) + (r.sandboxRequests === r.requests.total ? '' : ' ≠'),
        fmt.int(r.items),
        fmt.int(r.distinct),
        fmt.int(r.bound.total),
        fmt.ratio(r.ratio),
        r.pass ? 'PASS' : 'FAIL',
        fmt.ms(r.wallMs),
        fmt.int(r.recordsPerSecond),
      ])
    const all = p.rows.reduce((n, r) => n + r.requests.total, 0)
    const distinct = p.rows.reduce((n, r) => n + r.distinct, 0)
    rows.push([
      'all',
      fmt.int(all),
      '',
      '',
      '',
      '',
      '',
      fmt.int(p.counters.total),
      fmt.int(p.rows.reduce((n, r) => n + r.items, 0)),
      fmt.int(distinct),
      fmt.int(p.rows.reduce((n, r) => n + r.bound.total, 0)),
      fmt.ratio(all / p.rows.reduce((n, r) => n + r.bound.total, 0)),
      p.rows.every((r) => r.pass) ? 'PASS' : 'FAIL',
      fmt.ms(p.run.wallMs),
      fmt.int(distinct / (p.run.wallMs / 1000)),
    ])
    const bounds = p.rows
      .map((r) => {
        const parts = [
          r.bound.list ? `${r.bound.list} list` : '',
          r.bound.archived ? `${r.bound.archived} archived` : '',
          r.bound.search ? `${r.bound.search} search` : '',
          ...Object.entries(r.bound.assoc).map(([to, k]) =>
            k === 0
              ? `0 ${to} (inline in the list; ${fmt.int(r.withAssociations[to] ?? 0)} records with one)`
              : `${k} ${to} batch (${fmt.int(r.withAssociations[to] ?? 0)} records with one)`,
          ),
          r.bound.pipelines ? `${r.bound.pipelines} pipelines` : '',
        ].filter(Boolean)
        return `    ${r.stream}: ${fmt.int(r.bound.total)} = ${parts.join(' + ')}`
      })
      .join('\n')
    const net = input.networkErrors.filter((e) => e.phase === p.name)
    const statuses = Object.entries(p.counters.byStatus)
      .map(([s, k]) => `${s}: ${k}`)
      .join(', ')
    return [
      table(rows),
      `  lower bounds:\n${bounds}`,
      `  store: ${p.storeCounts.map((c) => `${c.stream} ${fmt.int(c.written)} written / ${fmt.int(c.stale)} stale (same or older modification time, skipped) / ${fmt.int(c.deleted)} deleted / ${c.quarantined} quarantined`).join('; ')}`,
      `  projected at 1× under HubSpot's limits (max(requests / 19 per s, searches / 5 per s), a floor from counts, not a measurement): ${fmt.ms(projectedSeconds(p.rows) * 1000)}`,
      `  network errors retried by the HTTP client: ${net.length}${net.length ? ` — ${[...new Set(net.map((e) => e.cause))].join('; ')}; idle before: ${net.map((e) => fmt.ms(e.idleMs)).join(', ')}` : ''}`,
      `  ${p.run.slices} slices; sandbox answers by status ${statuses}; parked on the rate budget ${fmt.ms(p.run.parkedWaitMs)} (real); errors ${p.run.errors.length}${
        p.run.errors.length
          ? ` — ${p.run.errors
              .slice(0, 3)
              .map((e) => `${e.stream}: ${e.message}`)
              .join('; ')}`
          : ''
      }`,
      `  memory (bench process, sampled every 20 ms): RSS ${fmt.mb(p.memory.rssStart)} → peak ${fmt.mb(p.memory.rssPeak)}; V8 heap peak ${fmt.mb(p.memory.heapPeak)} (+${fmt.mb(p.memory.heapGrowth)} over the phase start); lifetime maxRSS ${fmt.mb(p.memory.maxRssLifetime)}`,
    ].join('\n')
  }
  out.push('', '## HubSpot backfill', phaseTable(backfill))
  out.push(
    '',
    `## HubSpot incremental after ${fmt.int(changes.contacts.updated.length)} contacts updated, ${changes.contacts.merged.length} merged, ${changes.contacts.privacyDeleted.length} privacy-deleted, ${fmt.int(changes.contacts.imported.length)} imported at one timestamp (the search tie path); ${fmt.int(changes.tickets.updated.length)} tickets updated, ${changes.tickets.archived.length} archived; ${fmt.int(changes.feedback_submissions.updated.length)} feedback submissions updated`,
    phaseTable(incremental),
  )
  out.push('', '## HubSpot correctness after the incremental (store vs sandbox ground truth)')
  for (const [type, c] of Object.entries(correctness.types))
    out.push(
      `  ${type}: ${fmt.int(c.truth)} in the portal (${fmt.int(c.archived)} archived, ${fmt.int(c.erased)} erased with a privacy deletion), ${fmt.int(c.stored)} in the store; missing ${c.missing.length}, extra ${c.extra.length}, not erased ${c.notErased.length}, modified time differs ${c.modifiedDiffers.length}, deletion differs ${c.deletionDiffers.length}, associations differ ${c.associationDiffers.length}`,
    )
  const bodiesPass = input.bodies.differ.length === 0 && input.bodies.compared > 0
  out.push(
    `  merges: ${correctness.merges} in the portal, ${correctness.mergesMissing} missing from the store → ${correctness.pass ? 'PASS' : 'FAIL'}`,
    `  record bodies: ${fmt.int(input.bodies.compared)} stored records of ${fmt.int(input.bodies.expected)} live in the portal compared with the ground truth mapped apart from the sync (connectors/hubspot mappers over the sandbox's records); absent from the store ${fmt.int(input.bodies.missing.length)} (the tickets and answers of privacy-deleted contacts, live in the portal, erased in cxlens: the lines above check each record's presence); differ ${fmt.int(input.bodies.differ.length)}${input.bodies.differ.length ? ` (${input.bodies.differ.slice(0, 3).join(', ')}…)` : ''} → ${bodiesPass ? 'PASS' : 'FAIL'}`,
  )
  const v = input.views
  out.push(
    `  customer views: ${fmt.int(v.expected)} customers grouped from the ground truth by the bench (core/identity's documented rules, merges followed, privacy deletions erased; its own counting), ${fmt.int(v.stored)} views in the store; members, NPS answers and latest, CSAT answers and satisfied %, CES answers and average, open tickets per tool agree for ${fmt.int(v.agree)}; no view ${fmt.int(v.missing.length)}, view without a customer ${fmt.int(v.extra.length)}, figures differ ${fmt.int(v.differ.length)} → ${v.pass ? 'PASS' : 'FAIL'}`,
    ...describeViewMismatches(v),
  )
  const requestsPass = backfill.rows.every((r) => r.pass) && incremental.rows.every((r) => r.pass)
  out.push(
    '',
    `HUBSPOT RESULT: requests/lower bound ≤ ${TARGET_RATIO} for every stream in both phases: ${requestsPass ? 'PASS' : 'FAIL'} (${[...backfill.rows.map((r) => `backfill ${r.stream} ${r.pass ? 'PASS' : 'FAIL'}`), ...incremental.rows.map((r) => `incremental ${r.stream} ${r.pass ? 'PASS' : 'FAIL'}`)].join(', ')}); store = ground truth (records, bodies, customer views): ${correctness.pass && bodiesPass && v.pass ? 'PASS' : 'FAIL'}`,
  )
  const cap = <T>(list: T[]) => list.slice(0, 20)
  const json = {
    config,
    node: process.version,
    cpus: availableParallelism(),
    sandbox: { generationMs: input.info.generationMs, ...input.childMemory },
    phases: [backfill, incremental].map((p) => ({
      name: p.name,
      wallMs: p.run.wallMs,
      slices: p.run.slices,
      parkedWaitMs: p.run.parkedWaitMs,
      errors: p.run.errors,
      memory: p.memory,
      sandboxCounters: p.counters,
      storeCounts: p.storeCounts,
      networkErrors: input.networkErrors.filter((e) => e.phase === p.name),
      projectedSecondsAt1x: projectedSeconds(p.rows),
      streams: p.rows,
    })),
    mutation: input.mutation,
    correctness: {
      ...correctness,
      types: Object.fromEntries(
        Object.entries(correctness.types).map(([t, c]) => [
          t,
          {
            ...c,
            missing: cap(c.missing),
            extra: cap(c.extra),
            notErased: cap(c.notErased),
            modifiedDiffers: cap(c.modifiedDiffers),
            deletionDiffers: cap(c.deletionDiffers),
            associationDiffers: cap(c.associationDiffers),
          },
        ]),
      ),
    },
    bodies: {
      ...input.bodies,
      missing: cap(input.bodies.missing),
      differ: cap(input.bodies.differ),
    },
    views: { ...v, missing: cap(v.missing), extra: cap(v.extra), differ: cap(v.differ) },
    pass: requestsPass && correctness.pass && bodiesPass && v.pass,
  }
  return { text: out.join('\n'), json, pass: json.pass }
}
