// Zendesk part of `npm run bench`: backfill + incremental sync of a sandbox account over loopback
// HTTP, requests vs their lower bound per stream, and the node-zendesk baseline. See README.md.
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { MutationResult } from '../connectors/zendesk/sandbox/mutate.ts'
import { createZendeskConnector } from '../connectors/zendesk/index.ts'
import { TenantStore } from '../core/store/index.ts'
import { openNodeSqlite } from '../core/store/node-sqlite.ts'
import { createHttpClient } from '../core/sync/http.ts'
import { createRateBudget, type Clock } from '../core/sync/rate-budget.ts'
import { type CarefulBaselineResult, runBaseline, runCarefulBaseline } from './baseline.ts'
import { checkTickets } from './correctness.ts'
import { compareBodies, type BodyComparison } from './record-bodies.ts'
import {
  compareViews,
  describeViewMismatches,
  storedViewFigures,
  type ViewComparison,
} from './views-check.ts'
import { runSync, type SyncRun } from './cxlens-sync.ts'
import { sampleMemory, type MemoryPeak } from './memory.ts'
import type { Counters, StreamTruth } from './protocol.ts'
import { recordingFetch } from './net-fetch.ts'
import { forkSandbox, type SandboxProcess } from './sandbox-process.ts'
import {
  projectedMinutes,
  requestMix,
  streamRows,
  TARGET_RATIO,
  type StreamRow,
} from './streams-report.ts'
import { fmt, table } from './table.ts'

export interface ZendeskBenchConfig {
  tickets: number
  users: number
  timeScale: number
  /** Metrics calls the baseline makes at most (fewer: extrapolated, and said so). */
  baselineTickets: number
  seed: number
  sliceRequests: number
  sliceMillis: number
}

const ACCOUNT = 'cxlens-sandbox'
const CONNECTION = 'zendesk-bench'

type Net = ReturnType<typeof recordingFetch>

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export async function runZendeskBench(
  config: ZendeskBenchConfig,
  dir: string,
  progress: (line: string) => void,
) {
  progress(
    `zendesk: generating ${fmt.int(config.tickets)} tickets / ${fmt.int(config.users)} users in the sandbox process`,
  )
  const sandbox = await forkSandbox({
    seed: config.seed,
    users: config.users,
    tickets: config.tickets,
    timeScale: config.timeScale,
  })
  try {
    return await main(config, sandbox, dir, progress)
  } finally {
    await sandbox.close()
  }
}

async function main(
  config: ZendeskBenchConfig,
  sandbox: SandboxProcess,
  dir: string,
  progress: (line: string) => void,
) {
  const net = recordingFetch()
  const { url, email, apiToken } = sandbox.info
  const sqlitePath = join(dir, 'zendesk.sqlite')
  const store = new TenantStore(openNodeSqlite(sqlitePath))
  store.migrate()
  store.putConnection({
    id: CONNECTION,
    source: 'zendesk',
    account: ACCOUNT,
    baseUrl: url,
    credentials: null,
    settings: {},
  })
  const connector = createZendeskConnector({
    account: ACCOUNT,
    baseUrl: url,
    auth: { kind: 'api_token', email, token: apiToken },
  })
  // Zendesk's real per-minute limits, with the minute shrunk by the same factor as the sandbox's.
  const budget = createRateBudget(
    connector.rateBuckets.map((b) => ({ ...b, windowMs: b.windowMs / config.timeScale })),
    realClock,
  )
  const client = createHttpClient({ fetch: net.fetch, budget, clock: realClock })

  const phase = async (name: string, truth: StreamTruth) => {
    progress(`zendesk ${name}: syncing`)
    net.setPhase(name)
    await sandbox.call('reset')
    const memory = sampleMemory()
    const run = await runSync({
      store,
      connectionId: CONNECTION,
      connector,
      client,
      sliceRequests: config.sliceRequests,
      sliceMillis: config.sliceMillis,
      onSlice: (slice) => {
        if (slice % 10 === 0)
          progress(`zendesk ${name}: slice ${slice}, ${client.stats().total} requests so far`)
      },
    })
    const peak = memory.stop()
    const counters = await sandbox.call('counters')
    progress(`zendesk ${name}: ${fmt.ms(run.wallMs)}, ${run.slices} slices`)
    return { name, run, memory: peak, counters, rows: streamRows(run, counters, truth) }
  }

  // Lower bounds from the ground truth, not from what the sync fetched: a stream that drops
  // records cannot lower its own bound.
  const backfill = await phase('backfill', await sandbox.call('stream-truth', { sinceMs: null }))
  const n = config.tickets
  const mutation = await sandbox.call('mutate', {
    updatedTickets: Math.round(n * 0.009),
    newTickets: Math.round(n * 0.0005),
    deletedTickets: Math.round(n * 0.0005),
    newRatings: Math.round(n * 0.001),
    newSurveyResponses: Math.round(n * 0.0005),
  })
  // The export withholds the last minute: move the sandbox's clock past it.
  await sandbox.call('advance', { ms: 61_000 })
  const incremental = await phase(
    'incremental',
    await sandbox.call('stream-truth', { sinceMs: mutation.at }),
  )

  progress('zendesk: checking the store against the ground truth')
  const truth = await sandbox.call('truth')
  const correctness = checkTickets(store, CONNECTION, ACCOUNT, truth)
  progress('zendesk: record bodies and customer views against the ground truth')
  const bodies = compareBodies(store, await sandbox.call('bodies', { account: ACCOUNT }))
  const views = compareViews(await sandbox.call('views'), storedViewFigures(store))

  progress(`zendesk baseline: node-zendesk tickets.list() + ticketmetrics.list(id) per ticket`)
  await sandbox.call('reset')
  const baselineBudget = createRateBudget(
    [{ name: 'account', limit: 700, windowMs: 60_000 / config.timeScale }],
    realClock,
  )
  const baseline = await runBaseline({
    url,
    email,
    token: apiToken,
    budget: baselineBudget,
    maxMetricCalls: config.baselineTickets,
  })
  const baselineCounters = await sandbox.call('counters')
  progress(`zendesk baseline: ${fmt.ms(baseline.wallMs)}`)
  progress('zendesk careful baseline: node-zendesk incremental export + ticketmetrics.listAll()')
  await sandbox.call('reset')
  const careful = await runCarefulBaseline({
    url,
    email,
    token: apiToken,
    budget: createRateBudget(
      [
        { name: 'account', limit: 700, windowMs: 60_000 / config.timeScale },
        { name: 'export', limit: 10, windowMs: 60_000 / config.timeScale },
      ],
      realClock,
    ),
    maxMetricCalls: config.baselineTickets,
  })
  const carefulCounters = await sandbox.call('counters')
  progress(`zendesk careful baseline: ${fmt.ms(careful.wallMs)}`)
  const childMemory = await sandbox.call('memory')

  // Tickets the baseline never saw, against the ground truth taken just before it ran.
  const listed = new Set(baseline.listed)
  const live = truth.tickets.filter((t) => t[2] === 0)
  const missed = live.filter((t) => !listed.has(t[0]))
  const missedArchived = missed.filter((t) => t[3] === 1).length

  return render({
    config,
    sandbox,
    net,
    backfill,
    incremental,
    mutation,
    correctness,
    bodies,
    views,
    baseline,
    baselineCounters,
    careful,
    carefulCounters,
    truth: {
      live: live.length,
      deleted: truth.tickets.length - live.length,
      archived: truth.tickets.filter((t) => t[3] === 1).length,
    },
    missed: { total: missed.length, archived: missedArchived },
    childMemory,
  })
}

interface Phase {
  name: string
  run: SyncRun
  memory: MemoryPeak
  counters: Counters
  rows: StreamRow[]
}

function render(input: {
  config: ZendeskBenchConfig
  sandbox: SandboxProcess
  net: Net
  backfill: Phase
  incremental: Phase
  mutation: MutationResult
  correctness: ReturnType<typeof checkTickets>
  bodies: BodyComparison
  views: ViewComparison
  baseline: Awaited<ReturnType<typeof runBaseline>>
  baselineCounters: Counters
  careful: CarefulBaselineResult
  carefulCounters: Counters
  truth: { live: number; deleted: number; archived: number }
  missed: { total: number; archived: number }
  childMemory: { maxRssKb: number; rss: number }
}) {
  const out: string[] = []
  const { config, sandbox, backfill, incremental, baseline } = input
  const networkErrors = input.net.errors
  out.push(
    `cxlens Zendesk benchmark — ${fmt.int(config.tickets)} tickets, ${fmt.int(config.users)} users, seed ${config.seed}, time scale ${config.timeScale}× (a minute lasts ${fmt.ms(60_000 / config.timeScale)}), node ${process.version}, ${availableParallelism()} CPUs`,
    `Sandbox: separate process over loopback HTTP, generated in ${fmt.ms(sandbox.info.generationMs)}, its RSS ${fmt.mb(input.childMemory.rss)} (peak ${fmt.mb(input.childMemory.maxRssKb * 1024)}). Store: node:sqlite file in a temp dir. Slices: ${config.sliceRequests} requests / ${fmt.ms(config.sliceMillis)}, re-armed until done.`,
  )
  const phaseTable = (p: Phase) => {
    const rows: (string | number)[][] = [
      [
        'stream',
        'requests',
        'sandbox',
        'records',
        'distinct',
        'truth',
        'page max',
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
        fmt.int(r.requests) + (r.lookups ? ` +${r.lookups} lookups` : ''),
        fmt.int(r.sandboxRequests) + (r.sandboxRequests === r.requests ? '' : ' ≠'),
        fmt.int(r.items),
        fmt.int(r.distinct),
        fmt.int(r.truth),
        fmt.int(r.maxPage),
        fmt.int(r.lowerBound),
        fmt.ratio(r.ratio),
        r.pass ? 'PASS' : 'FAIL',
        fmt.ms(r.wallMs),
        fmt.int(r.recordsPerSecond),
      ])
    const mix = requestMix(p.rows)
    const distinct = p.rows.reduce((s, r) => s + r.distinct, 0)
    rows.push([
      'all',
      fmt.int(mix.total),
      fmt.int(p.counters.total),
      fmt.int(p.rows.reduce((s, r) => s + r.items, 0)),
      fmt.int(distinct),
      fmt.int(p.rows.reduce((s, r) => s + r.truth, 0)),
      '',
      '',
      '',
      p.rows.every((r) => r.pass) ? 'PASS' : 'FAIL',
      fmt.ms(p.run.wallMs),
      fmt.int(distinct / (p.run.wallMs / 1000)),
    ])
    const statuses = Object.entries(p.counters.byStatus)
      .map(([s, k]) => `${s}: ${k}`)
      .join(', ')
    const net = networkErrors.filter((e) => e.phase === p.name)
    const causes = [...new Set(net.map((e) => e.cause))].join('; ')
    return [
      table(rows),
      `  network errors retried by the HTTP client (counted in "requests", never reached the sandbox): ${net.length}${net.length ? ` — ${causes}; idle before: ${net.map((e) => fmt.ms(e.idleMs)).join(', ')}` : ''}`,
      `  ${p.run.slices} slices; sandbox answers by status ${statuses}; parked on the rate budget ${fmt.ms(p.run.parkedWaitMs)}; errors ${p.run.errors.length}`,
      `  memory (bench process, sampled every 20 ms): RSS ${fmt.mb(p.memory.rssStart)} → peak ${fmt.mb(p.memory.rssPeak)}; V8 heap peak ${fmt.mb(p.memory.heapPeak)} (+${fmt.mb(p.memory.heapGrowth)} over the phase start); lifetime maxRSS ${fmt.mb(p.memory.maxRssLifetime)}`,
    ].join('\n')
  }
  out.push('', `## Backfill`, phaseTable(backfill))
  const m = input.mutation
  out.push(
    '',
    `## Incremental after a change of ${fmt.int(m.tickets.updated.length + m.tickets.created.length + m.tickets.deleted.length)} tickets (${m.tickets.updated.length} updated, ${m.tickets.created.length} new, ${m.tickets.deleted.length} deleted), ${m.ratings.length} new ratings, ${m.surveyResponses.length} new survey responses; sandbox clock +61 s`,
    phaseTable(incremental),
  )
  const c = input.correctness
  out.push(
    '',
    `## Correctness after the incremental (store vs sandbox ground truth)`,
    `  tickets: ${fmt.int(c.truthTickets)} in the ground truth (${fmt.int(c.truthDeleted)} deleted), ${fmt.int(c.storeTickets)} in the store (${fmt.int(c.storeDeleted)} deleted), ${c.quarantined} quarantined`,
    `  missing ${c.missing.length}, extra ${c.extra.length}, updated_at differs ${c.updatedAtDiffers.length}, deletion differs ${c.deletedDiffers.length} → ${c.pass ? 'PASS' : 'FAIL'}`,
  )
  const b = input.bodies
  const bodiesPass = b.compared > 0 && b.missing.length === 0 && b.differ.length === 0
  const sample = (keys: string[]) => (keys.length ? ` (${keys.slice(0, 3).join(', ')}…)` : '')
  out.push(
    `  record bodies: ${fmt.int(b.expected)} live records of the account (tickets, users, organizations, received ratings, answered survey responses) mapped apart from the sync (the connector's stream mappers over the sandbox's records, served as the API serves them); ${fmt.int(b.compared)} compared with the store; absent ${fmt.int(b.missing.length)}${sample(b.missing)}, differ ${fmt.int(b.differ.length)}${sample(b.differ)} → ${bodiesPass ? 'PASS' : 'FAIL'}`,
  )
  const v = input.views
  out.push(
    `  customer views: ${fmt.int(v.expected)} customers grouped from the ground truth by the bench (core/identity's documented rules, its own counting), ${fmt.int(v.stored)} views in the store; members, NPS answers and latest, CSAT answers and satisfied %, CES answers and average, open tickets per tool agree for ${fmt.int(v.agree)}; no view ${fmt.int(v.missing.length)}, view without a customer ${fmt.int(v.extra.length)}, figures differ ${fmt.int(v.differ.length)} → ${v.pass ? 'PASS' : 'FAIL'}`,
    ...describeViewMismatches(v),
  )

  // Baseline vs cxlens.
  const bfMix = requestMix(backfill.rows)
  const ticketsRow = backfill.rows.find((r) => r.stream === 'tickets') as StreamRow
  const metricsFull = baseline.metricsRequests + baseline.metricsSkipped
  const baselineRequests = baseline.listRequests + metricsFull
  const extrapolated = baseline.metricsSkipped > 0
  const metricsMsFull = extrapolated
    ? baseline.metricsMs * (metricsFull / Math.max(1, baseline.metricsRequests))
    : baseline.metricsMs
  const baselineWall = baseline.listMs + metricsMsFull
  const cxMinutes = projectedMinutes(bfMix.exportRequests, bfMix.total)
  const cxTicketsMinutes = projectedMinutes(ticketsRow.requests, ticketsRow.requests)
  const baseMinutes = projectedMinutes(0, baselineRequests)
  const careful = input.careful
  const carefulRequests = careful.exportRequests + careful.metricsRequests
  const carefulMinutes = projectedMinutes(careful.exportRequests, carefulRequests)
  const carefulSeen = new Set(careful.exported).size - careful.deleted
  const carefulWithMetrics = new Set(careful.withMetrics).size
  const baseRows: (string | number)[][] = [
    [
      '',
      'requests',
      'wall (loopback)',
      'projected at 1× (rate-limit floor)',
      'tickets seen',
      'with metrics',
    ],
    [
      'node-zendesk: tickets.list() + metrics per ticket',
      fmt.int(baselineRequests) + (extrapolated ? ' (extrap.)' : ''),
      fmt.ms(baselineWall) + (extrapolated ? ' (extrap.)' : ''),
      fmt.min(baseMinutes),
      fmt.int(baseline.listed.length),
      fmt.int(baseline.metricsOk) +
        (extrapolated ? ` of ${fmt.int(baseline.metricsRequests)} asked` : ''),
    ],
    [
      'node-zendesk, careful: incremental export + ticketmetrics.listAll()',
      fmt.int(carefulRequests),
      fmt.ms(careful.wallMs),
      fmt.min(carefulMinutes),
      fmt.int(carefulSeen),
      fmt.int(carefulWithMetrics),
    ],
    [
      'cxlens tickets stream (export + metric_sets)',
      fmt.int(ticketsRow.requests),
      fmt.ms(ticketsRow.wallMs),
      fmt.min(cxTicketsMinutes),
      fmt.int(ticketsRow.distinct),
      fmt.int(ticketsRow.distinct),
    ],
    [
      'cxlens whole backfill (5 streams)',
      fmt.int(bfMix.total),
      fmt.ms(backfill.run.wallMs),
      fmt.min(cxMinutes),
      fmt.int(ticketsRow.distinct),
      fmt.int(ticketsRow.distinct),
    ],
  ]
  out.push(
    '',
    `## Baseline: the same ticket backfill without cxlens (node-zendesk 6, same run, same sandbox, account limit 700/min and export limit 10/min time-scaled identically); the naive row lists tickets and asks metrics per ticket, the careful row exports and lists metrics`,
    table(baseRows),
    `  ratios baseline / cxlens tickets stream: requests ${fmt.x(baselineRequests / ticketsRow.requests)}, loopback wall ${fmt.x(baselineWall / ticketsRow.wallMs)}, projected at 1× ${fmt.x(baseMinutes / cxTicketsMinutes)}`,
    `  ratios baseline / cxlens whole backfill: requests ${fmt.x(baselineRequests / bfMix.total)}, loopback wall ${fmt.x(baselineWall / backfill.run.wallMs)}, projected at 1× ${fmt.x(baseMinutes / cxMinutes)}`,
    `  baseline list: ${baseline.listRequests} pages of ≤100 (lower bound ${Math.ceil(baseline.listed.length / 100)}) in ${fmt.ms(baseline.listMs)}; metrics: ${fmt.int(baseline.metricsRequests)} calls in ${fmt.ms(baseline.metricsMs)}; 429s waited out ${baseline.retried429}; sandbox counted ${fmt.int(input.baselineCounters.total)} requests`,
    `  careful baseline: export ${fmt.int(careful.exportRequests)} pages of ≤1,000 in ${fmt.ms(careful.exportMs)} (${fmt.int(carefulSeen)} live tickets, ${fmt.int(careful.deleted)} deleted); List Ticket Metrics ${fmt.int(careful.metricsRequests)} pages of ≤100 in ${fmt.ms(careful.metricsMs)}: metrics for ${fmt.int(carefulWithMetrics)} tickets (archived tickets are not listed); 429s waited out ${careful.retried429}; sandbox counted ${fmt.int(input.carefulCounters.total)} requests`,
    `  ratios careful baseline / cxlens tickets stream: requests ${fmt.x(carefulRequests / ticketsRow.requests)}, loopback wall ${fmt.x(careful.wallMs / ticketsRow.wallMs)}, projected at 1× ${fmt.x(carefulMinutes / cxTicketsMinutes)}`,
    `  tickets the baseline never saw: ${fmt.int(input.missed.total)} of ${fmt.int(input.truth.live)} live tickets (${fmt.int(input.missed.archived)} archived: List Tickets leaves out tickets solved/closed 120+ days ago; the export has them). Deleted tickets (${fmt.int(input.truth.deleted)}) it cannot tell apart from archived ones.`,
    `  projection: minutes ≥ max(export requests / 10, all requests / 700), Zendesk's Enterprise limits at 1×, ignoring latency and processing; a floor, not a measurement.`,
  )
  if (extrapolated)
    out.push(
      `  --baseline-tickets ${config.baselineTickets}: metrics were fetched for the first ${fmt.int(baseline.metricsRequests)} listed tickets; requests and wall time for all ${fmt.int(baseline.listed.length)} are extrapolated linearly.`,
    )

  const requestsPass = backfill.rows.every((r) => r.pass) && incremental.rows.every((r) => r.pass)
  const pass = requestsPass && c.pass && bodiesPass && v.pass
  out.push(
    '',
    `RESULT: requests/lower bound ≤ ${TARGET_RATIO} for every stream in both phases: ${requestsPass ? 'PASS' : 'FAIL'}; store = ground truth (tickets, record bodies, customer views): ${c.pass && bodiesPass && v.pass ? 'PASS' : 'FAIL'}`,
  )

  const json = {
    config,
    node: process.version,
    cpus: availableParallelism(),
    sandbox: {
      generationMs: sandbox.info.generationMs,
      rssBytes: input.childMemory.rss,
      maxRssBytes: input.childMemory.maxRssKb * 1024,
    },
    phases: [backfill, incremental].map((p) => ({
      name: p.name,
      wallMs: p.run.wallMs,
      slices: p.run.slices,
      parkedWaitMs: p.run.parkedWaitMs,
      errors: p.run.errors,
      memory: p.memory,
      sandboxCounters: p.counters,
      networkErrors: networkErrors.filter((e) => e.phase === p.name),
      streams: p.rows,
    })),
    mutation: {
      at: m.at,
      tickets: {
        updated: m.tickets.updated.length,
        created: m.tickets.created.length,
        deleted: m.tickets.deleted.length,
      },
      ratings: m.ratings.length,
      surveyResponses: m.surveyResponses.length,
    },
    correctness: {
      ...c,
      missing: c.missing.slice(0, 20),
      extra: c.extra.slice(0, 20),
      updatedAtDiffers: c.updatedAtDiffers.slice(0, 20),
      deletedDiffers: c.deletedDiffers.slice(0, 20),
    },
    bodies: {
      ...b,
      missing: b.missing.slice(0, 20),
      differ: b.differ.slice(0, 20),
      pass: bodiesPass,
    },
    views: {
      ...v,
      missing: v.missing.slice(0, 20),
      extra: v.extra.slice(0, 20),
      differ: v.differ.slice(0, 20),
    },
    baseline: {
      ...baseline,
      listed: baseline.listed.length,
      requestsAll: baselineRequests,
      wallMsAll: baselineWall,
      extrapolated,
      sandboxCounters: input.baselineCounters,
      missed: input.missed,
      truth: input.truth,
    },
    carefulBaseline: {
      ...careful,
      exported: careful.exported.length,
      withMetrics: carefulWithMetrics,
      requestsAll: carefulRequests,
      projectedMinutes: carefulMinutes,
      sandboxCounters: input.carefulCounters,
    },
    ratios: {
      vsTicketsStream: {
        requests: baselineRequests / ticketsRow.requests,
        wall: baselineWall / ticketsRow.wallMs,
        projected: baseMinutes / cxTicketsMinutes,
      },
      vsWholeBackfill: {
        requests: baselineRequests / bfMix.total,
        wall: baselineWall / backfill.run.wallMs,
        projected: baseMinutes / cxMinutes,
      },
    },
    projectedMinutes: {
      baseline: baseMinutes,
      cxlensTickets: cxTicketsMinutes,
      cxlensBackfill: cxMinutes,
    },
    pass,
  }
  return { text: out.join('\n'), json, pass }
}
