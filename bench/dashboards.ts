import { join } from 'node:path'
import { createRng, type Rng } from '../connectors/kit/sandbox/prng.ts'
import { npsCategory } from '../core/metrics/index.ts'
import {
  DEFAULT_SETTINGS,
  refKey,
  type Customer,
  type CustomerView,
  type FrictionPoint,
  type Source,
  type SurveyResponse,
} from '../core/model/index.ts'
import { saveCustomer } from '../core/store/customers.ts'
import { TenantStore, type VerbatimsBoard } from '../core/store/index.ts'
import { toVerbatim, unhappyComments } from '../core/verbatims/index.ts'
import { openNodeSqlite } from '../core/store/node-sqlite.ts'
import { fmt, table } from './table.ts'

export interface DashboardsBenchConfig {
  seed: number
  customers: number
  /** Requests timed per dashboard (the median is reported). */
  requests: number
}

const MONTH_MS = 30 * 86_400_000
const END = Date.UTC(2026, 11, 1)
const SOURCES: Source[] = ['zendesk', 'hubspot', 'import']

/** What unhappy customers write, in both languages, touching most themes. */
const COMMENTS = [
  'Charged twice and still waiting for the refund',
  'Nobody answered my emails for a week',
  'The app crashes every time I open it',
  'Far too expensive for what it does',
  'My parcel was never delivered',
  'I want to cancel my subscription',
  'Facturé deux fois, toujours pas remboursé',
  'Personne ne répond à mes mails depuis une semaine',
  "L'application plante à chaque connexion",
  'Beaucoup trop cher pour ce que c’est',
  'Colis jamais livré',
  'Je veux résilier mon abonnement',
]

function answer(
  rng: Rng,
  words: Rng,
  i: number,
  n: number,
  kind: 'nps' | 'csat' | 'ces',
): SurveyResponse {
  const source = rng.pick(SOURCES)
  const scale =
    kind === 'nps' ? { min: 0, max: 10 } : kind === 'csat' ? { min: 1, max: 5 } : { min: 1, max: 7 }
  const score = rng.int(scale.min, scale.max)
  const at = new Date(END - rng.int(0, 24 * MONTH_MS)).toISOString()
  return {
    ref: { source, account: 'bench', object: 'response', id: `${i}-${kind}-${n}` },
    kind,
    score,
    scale,
    normalised: (score - scale.min) / (scale.max - scale.min),
    // Six answers in ten carry a comment, as in the HubSpot sandbox (its own generator: the other
    // figures stay those of the same seed).
    comment: words.chance(0.6) ? words.pick(COMMENTS) : null,
    reasons: [],
    sentiment: null,
    submittedAt: at,
    updatedAt: at,
    respondent: { source: 'import', account: 'bench', object: 'person', id: String(i) },
    ticket: null,
    survey: { id: kind, name: null, channel: null },
    deleted: false,
  }
}

/** One synthetic customer: a few answers over two years, maybe open friction. */
function customerOf(rng: Rng, words: Rng, i: number) {
  const person = { source: 'import' as const, account: 'bench', object: 'person', id: String(i) }
  const customer: Customer = {
    id: `cus_${i.toString(36)}`,
    displayName: `Customer ${i}`,
    emails: [`c${i}@bench.example`],
    phones: [],
    organisation: null,
    identities: [person],
  }
  const responses = [
    ...Array.from({ length: rng.int(0, 4) }, (_, n) => answer(rng, words, i, n, 'nps')),
    ...Array.from({ length: rng.int(0, 3) }, (_, n) => answer(rng, words, i, n, 'csat')),
    ...Array.from({ length: rng.int(0, 1) }, (_, n) => answer(rng, words, i, n, 'ces')),
  ].sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1))
  const friction: FrictionPoint[] = Array.from({ length: rng.int(0, 2) }, (_, n) => ({
    id: `waiting_too_long:${i}-${n}`,
    kind: rng.pick(['waiting_too_long', 'low_csat', 'repeat_contact'] as const),
    severity: 'high',
    since: new Date(END - rng.int(0, 24 * MONTH_MS)).toISOString(),
    open: rng.chance(0.5),
    reason: 'bench',
    params: {},
    evidence: [{ source: rng.pick(SOURCES), account: 'bench', object: 'ticket', id: `${i}-${n}` }],
  }))
  const view = (kind: string) =>
    responses
      .filter((r) => r.kind === kind)
      .map((r) => ({
        ref: r.ref,
        kind: r.kind,
        at: r.submittedAt,
        score: r.score,
        scale: r.scale,
        normalised: r.normalised,
        category: kind === 'nps' ? npsCategory(r.score) : 'neutral',
        comment: null,
        sentiment: null,
        survey: null,
        ticket: null,
      }))
  // Every verbatim in the view, not the derive's newest five: the scan baseline's best case.
  const unhappy = unhappyComments(responses, DEFAULT_SETTINGS.friction)
  const body = {
    customer,
    nps: { responses: view('nps'), latest: null, trend: null },
    csat: {
      responses: view('csat'),
      satisfiedPercent: null,
      recentSatisfiedPercent: null,
      averageNormalised: null,
    },
    ces: { responses: view('ces'), averageNormalised: null },
    tickets: { open: [], recent: [], total: 0 },
    friction,
    focus: {
      groups: [],
      total: 0,
      agedOut: 0,
      risk: { level: rng.pick(['at_risk', 'watch', 'fine'] as const), reasons: [] },
    },
    verbatims: { items: [...unhappy].reverse().map(toVerbatim), total: unhappy.length },
    freshness: [],
    generatedAt: new Date(END).toISOString(),
  } satisfies CustomerView
  return { customer, members: [refKey(person)], responses, view: body as CustomerView }
}

/** The baseline a dashboard without aggregates would run: every view's NPS answers, per month. */
function npsByScanningViews(store: TenantStore) {
  return store.sql
    .all<{ month: string; promoters: number; passives: number; detractors: number }>(
      `SELECT substr(json_extract(r.value, '$.at'), 1, 7) AS month,
         sum(json_extract(r.value, '$.category') = 'promoter') AS promoters,
         sum(json_extract(r.value, '$.category') = 'passive') AS passives,
         sum(json_extract(r.value, '$.category') = 'detractor') AS detractors
       FROM views v, json_each(v.body, '$.nps.responses') r GROUP BY month ORDER BY month`,
    )
    .map((r) => ({
      ...r,
      promoters: Number(r.promoters),
      passives: Number(r.passives),
      detractors: Number(r.detractors),
    }))
}

/**
 * The verbatims board without its tables: every view's comments, the newest page sorted out of
 * all of them, the themes counted over all of them.
 */
function verbatimsByScanningViews(store: TenantStore, limit: number) {
  const items = store.sql.all<{ customer_id: string; at: string; comment: string }>(
    `SELECT v.customer_id, json_extract(r.value, '$.at') AS at,
       json_extract(r.value, '$.comment') AS comment
     FROM views v, json_each(v.body, '$.verbatims.items') r
     ORDER BY at DESC, v.customer_id LIMIT ?`,
    limit,
  )
  const themes = store.sql.all<{ theme: string; n: number }>(
    `SELECT t.value AS theme, count(*) AS n FROM views v, json_each(v.body, '$.verbatims.items') r,
       json_each(r.value, '$.themes') t GROUP BY theme ORDER BY n DESC, theme`,
  )
  const [total] = store.sql.all<{ n: number }>(
    `SELECT count(*) AS n FROM views v, json_each(v.body, '$.verbatims.items')`,
  )
  return {
    items: items.map((r) => ({ customerId: r.customer_id, at: r.at, comment: r.comment })),
    themes: themes.map((r) => ({ theme: r.theme, count: Number(r.n) })),
    total: Number(total?.n ?? 0),
  }
}

/** The board's figures the baseline can also give (it keeps no display name or key). */
const comparable = (board: VerbatimsBoard) => ({
  items: board.items.map(({ customerId, at, comment }) => ({ customerId, at, comment })),
  themes: board.themes,
  total: board.total,
})

const ms = (n: number) => `${n.toFixed(2)} ms`

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

function timed<T>(runs: number, fn: () => T): { ms: number; result: T } {
  const samples: number[] = []
  let result!: T
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    result = fn()
    samples.push(performance.now() - started)
  }
  return { ms: median(samples), result }
}

/**
 * CX dashboards at N customers: each customer's view and dashboard share written through the
 * store's own methods (what a derive does), then each dashboard request timed against the
 * baseline that scans every view, in the same process on the same database.
 */
export async function runDashboardsBench(
  config: DashboardsBenchConfig,
  dir: string,
  progress: (line: string) => void,
) {
  const store = new TenantStore(openNodeSqlite(join(dir, 'dashboards.sqlite')))
  store.migrate()
  const rng = createRng(config.seed)
  const words = createRng(config.seed + 1)
  const settings = store.getSettings()
  let viewMs = 0
  let shareMs = 0
  const BATCH = 1000
  for (let start = 0; start < config.customers; start += BATCH) {
    store.sql.transaction(() => {
      for (let i = start; i < Math.min(config.customers, start + BATCH); i++) {
        const c = customerOf(rng, words, i)
        const a = performance.now()
        saveCustomer(store.sql, c.customer, c.members, c.view, END)
        const b = performance.now()
        store.saveDashboardShare(c.customer.id, c.responses, c.view, settings)
        shareMs += performance.now() - b
        viewMs += b - a
      }
    })
    if ((start / BATCH) % 20 === 0)
      progress(`dashboards: ${fmt.int(start + BATCH)} customers written`)
  }

  const runs = config.requests
  const nps = timed(runs, () => store.npsDashboard())
  const npsFiltered = timed(runs, () =>
    store.npsDashboard({ source: 'hubspot', from: '2025-06', to: '2026-05' }),
  )
  const csat = timed(runs, () => store.csatDashboard())
  const ces = timed(runs, () => store.cesDashboard())
  const friction = timed(runs, () => store.frictionDashboard())
  const worklist = timed(runs, () => store.worklist({ limit: 50 }))
  const verbatims = timed(runs, () => store.verbatimsDashboard({ limit: 20 }))
  const verbatimsFiltered = timed(runs, () =>
    store.verbatimsDashboard({
      source: 'hubspot',
      from: '2025-06',
      to: '2026-05',
      theme: 'billing',
      limit: 20,
    }),
  )
  const verbatimsDeep = timed(runs, () => store.verbatimsDashboard({ limit: 20, offset: 1000 }))
  progress('dashboards: timing the baselines (every view scanned)')
  const baseline = timed(Math.min(3, runs), () => npsByScanningViews(store))
  const verbatimsBaseline = timed(Math.min(3, runs), () => verbatimsByScanningViews(store, 20))

  const fromAggregates = nps.result.months.map(({ month, promoters, passives, detractors }) => ({
    month,
    promoters,
    passives,
    detractors,
  }))
  const equal = JSON.stringify(fromAggregates) === JSON.stringify(baseline.result)
  const ratio = baseline.ms / nps.ms
  const verbatimsEqual =
    JSON.stringify(comparable(verbatims.result)) === JSON.stringify(verbatimsBaseline.result)
  const verbatimsRatio = verbatimsBaseline.ms / verbatims.ms
  const json = {
    customers: config.customers,
    answers: nps.result.overall.answers,
    worklist: worklist.result.total,
    verbatims: verbatims.result.total,
    perCustomerShareMs: shareMs / config.customers,
    perCustomerViewMs: viewMs / config.customers,
    requestMs: {
      nps: nps.ms,
      npsFiltered: npsFiltered.ms,
      csat: csat.ms,
      ces: ces.ms,
      friction: friction.ms,
      worklist: worklist.ms,
      verbatims: verbatims.ms,
      verbatimsFiltered: verbatimsFiltered.ms,
      verbatimsOffset1000: verbatimsDeep.ms,
    },
    baselineScanMs: baseline.ms,
    ratio,
    sameFigures: equal,
    verbatimsBaselineScanMs: verbatimsBaseline.ms,
    verbatimsRatio,
    verbatimsSameFigures: verbatimsEqual,
    pass:
      equal &&
      ratio >= 10 &&
      nps.ms < 50 &&
      verbatimsEqual &&
      verbatimsRatio >= 10 &&
      verbatims.ms < 50,
  }
  const text = [
    `CX dashboards at ${fmt.int(config.customers)} customers (${fmt.int(json.answers)} NPS answers, ${fmt.int(json.worklist)} to call back, ${fmt.int(json.verbatims)} verbatims)`,
    table([
      ['request', 'median'],
      ['NPS by month', ms(nps.ms)],
      ['NPS, HubSpot, 12 months', ms(npsFiltered.ms)],
      ['CSAT by month', ms(csat.ms)],
      ['CES by month', ms(ces.ms)],
      ['friction by month', ms(friction.ms)],
      ['worklist (50)', ms(worklist.ms)],
      ['verbatims (20) + theme counts', ms(verbatims.ms)],
      ['verbatims, HubSpot, 12 months, billing', ms(verbatimsFiltered.ms)],
      ['verbatims (20) at offset 1,000', ms(verbatimsDeep.ms)],
      ['baseline: NPS scanning every view', fmt.ms(baseline.ms)],
      ['baseline: verbatims scanning every view', fmt.ms(verbatimsBaseline.ms)],
    ]),
    `baseline / dashboard: NPS ${fmt.x(ratio)}, same figures: ${equal ? 'yes' : 'NO'}; verbatims ${fmt.x(verbatimsRatio)}, same figures: ${verbatimsEqual ? 'yes' : 'NO'}`,
    `upkeep per derived customer: ${(json.perCustomerShareMs * 1000).toFixed(0)} µs for the share (view write ${(json.perCustomerViewMs * 1000).toFixed(0)} µs)`,
    `${json.pass ? 'PASS' : 'FAIL'}: same figures, ≥ 10× faster than the scan, NPS and verbatims under 50 ms`,
  ].join('\n')
  return { text, json, pass: json.pass }
}
