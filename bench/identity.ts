// Identity part of `npm run bench`: clusterPeople + customerIdFor + buildCustomer over N generated
// identities (pure core/identity), the store path (write + rederive on node:sqlite), and a naive
// pairwise baseline measured on a sample in the same process and extrapolated (O(n²)).
import { join } from 'node:path'
import { buildCustomer, clusterPeople, customerIdFor } from '../core/identity/index.ts'
import { refKey, type Organisation, type Person } from '../core/model/index.ts'
import { TenantStore } from '../core/store/index.ts'
import { openNodeSqlite } from '../core/store/node-sqlite.ts'
import { derivePendingSlice } from '../core/sync/derive.ts'
import { naivePairwiseClusters } from './identity-baseline.ts'
import { generateIdentityPeople } from './identity-people.ts'
import { sampleMemory } from './memory.ts'
import { fmt, table } from './table.ts'

export interface IdentityBenchConfig {
  people: number
  /** People written to the store and re-derived there (0: skip the store path). */
  storePeople: number
  baselineSample: number
  seed: number
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

/** One pass over everything: clusters, then each cluster's id and customer. */
function resolve(people: readonly Person[], orgsByKey: Map<string, Organisation>) {
  const started = performance.now()
  const clusters = clusterPeople(people)
  const clusteredAt = performance.now()
  const ids = new Set<string>()
  for (const cluster of clusters) {
    ids.add(customerIdFor(cluster))
    const orgs = cluster.flatMap((p) => {
      const org = p.organisation ? orgsByKey.get(refKey(p.organisation)) : undefined
      return org ? [org] : []
    })
    buildCustomer(cluster, orgs)
  }
  const done = performance.now()
  return {
    clusters,
    ids,
    clusterMs: clusteredAt - started,
    buildMs: done - clusteredAt,
    totalMs: done - started,
  }
}

export async function runIdentityBench(
  config: IdentityBenchConfig,
  dir: string,
  progress: (line: string) => void,
) {
  progress(`identity: generating ${fmt.int(config.people)} people`)
  const { people, organisations } = generateIdentityPeople(config.people, config.seed)
  const orgsByKey = new Map(organisations.map((o) => [refKey(o.ref), o]))

  // Warm-up on a slice (JIT), then three timed passes over all; the median counts.
  resolve(people.slice(0, 20_000), orgsByKey)
  const memory = sampleMemory()
  const passes = [0, 1, 2].map((i) => {
    progress(`identity: pure pass ${i + 1}/3`)
    return resolve(people, orgsByKey)
  })
  const peak = memory.stop()
  const pure = passes.sort((a, b) => a.totalMs - b.totalMs)[1]!
  const sizes = new Map<number, number>()
  for (const c of pure.clusters) sizes.set(c.length, (sizes.get(c.length) ?? 0) + 1)
  const clustered = pure.clusters.reduce((n, c) => n + c.length, 0)

  // Baseline: the same sample through both, same process; the pairwise one extrapolated as n².
  const sample = people.slice(0, config.baselineSample)
  progress(`identity: naive pairwise baseline on ${fmt.int(sample.length)} people`)
  const naiveStart = performance.now()
  const naive = naivePairwiseClusters(sample)
  const naiveMs = performance.now() - naiveStart
  const sampleRuns = [0, 1, 2].map(() => resolve(sample, orgsByKey))
  const sampleMs = median(sampleRuns.map((r) => r.clusterMs))
  const sameClusters =
    JSON.stringify(naive.map((c) => c.join(',')).sort()) ===
    JSON.stringify(sampleRuns[0]!.clusters.map((c) => c.map((p) => refKey(p.ref)).join(',')).sort())
  const naiveExtrapolatedMs = naiveMs * (config.people / sample.length) ** 2

  // The store path: people written as sync pages, then the derive queue drained.
  let storePath: null | {
    people: number
    writeMs: number
    deriveMs: number
    derivePasses: number
    customers: number
    perSecond: number
    sameCustomers: boolean
  } = null
  if (config.storePeople > 0) {
    const subset = people.slice(0, config.storePeople)
    progress(`identity: store path, writing ${fmt.int(subset.length)} people`)
    const store = new TenantStore(openNodeSqlite(join(dir, 'identity.sqlite')))
    store.migrate()
    store.putConnection({
      id: 'identity-bench',
      source: 'zendesk',
      account: 'acme',
      baseUrl: 'http://127.0.0.1',
      credentials: null,
      settings: {},
    })
    const writeStart = performance.now()
    store.writePage({
      connectionId: 'identity-bench',
      stream: 'organizations',
      records: organisations.map((record) => ({ kind: 'organisation' as const, record })),
      quarantined: [],
      cursor: null,
      state: { status: 'running' },
    })
    for (let i = 0; i < subset.length; i += 1000)
      store.writePage({
        connectionId: 'identity-bench',
        stream: 'people',
        records: subset.slice(i, i + 1000).map((record) => ({ kind: 'person' as const, record })),
        quarantined: [],
        cursor: String(i),
        state: { status: 'running' },
      })
    const writeMs = performance.now() - writeStart
    progress(`identity: store path, re-deriving (${fmt.ms(writeMs)} to write)`)
    const deriveStart = performance.now()
    // The worker's derive: bounded passes (as its alarm runs them) until the queue is empty.
    let derivePasses = 0
    const now = Date.parse('2026-01-01T00:00:00Z')
    do derivePasses++
    while (derivePendingSlice(store, { now }).remaining > 0)
    const deriveMs = performance.now() - deriveStart
    const customers = store.listCustomers(1).total
    // The store must find the very customers the pure path finds over the same people.
    const expected = subset.length === people.length ? pure.ids : resolve(subset, orgsByKey).ids
    const storedIds = store.sql.all<{ id: string }>('SELECT id FROM customers').map((r) => r.id)
    const sameCustomers =
      storedIds.length === expected.size && storedIds.every((id) => expected.has(id))
    storePath = {
      sameCustomers,
      people: subset.length,
      writeMs,
      deriveMs,
      derivePasses,
      customers,
      perSecond: subset.length / (deriveMs / 1000),
    }
  }

  const perSecond = config.people / (pure.totalMs / 1000)
  const naivePerSecond = config.people / (naiveExtrapolatedMs / 1000)
  const out: string[] = [
    `cxlens identity resolution — ${fmt.int(config.people)} identities (${fmt.int(people.filter((p) => p.ref.source === 'zendesk').length)} Zendesk users, ${fmt.int(people.filter((p) => p.ref.source === 'hubspot').length)} HubSpot contacts; ${fmt.int(organisations.length)} organisations), seed ${config.seed}`,
    `  ${fmt.int(pure.clusters.length)} customers from ${fmt.int(clustered)} clustered identities (agents, deleted and orphaned merged-away left out); cluster sizes: ${[
      ...sizes.entries(),
    ]
      .sort((a, b) => a[0] - b[0])
      .slice(0, 6)
      .map(([size, n]) => `${size}: ${fmt.int(n)}`)
      .join(', ')}`,
    '',
    table([
      ['path', 'identities', 'time', 'identities/s', 'detail'],
      [
        'core/identity: clusterPeople + customerIdFor + buildCustomer (median of 3)',
        fmt.int(config.people),
        fmt.ms(pure.totalMs),
        fmt.int(perSecond),
        `cluster ${fmt.ms(pure.clusterMs)}, ids + customers ${fmt.ms(pure.buildMs)}; passes ${passes.map((p) => fmt.ms(p.totalMs)).join(', ')}`,
      ],
      ...(storePath
        ? [
            [
              "store: derivePendingSlice passes (the alarm's derive) over node:sqlite",
              fmt.int(storePath.people),
              fmt.ms(storePath.deriveMs),
              fmt.int(storePath.perSecond),
              `${fmt.int(storePath.customers)} customers with views (same ids as core/identity: ${storePath.sameCustomers ? 'yes' : 'NO'}) in ${fmt.int(storePath.derivePasses)} bounded passes; writing the pages took ${fmt.ms(storePath.writeMs)}`,
            ],
          ]
        : []),
      [
        `naive pairwise O(n²), measured on ${fmt.int(sample.length)}, extrapolated ×(n/${fmt.int(sample.length)})²`,
        fmt.int(config.people),
        fmt.min(naiveExtrapolatedMs / 60_000),
        naivePerSecond < 10 ? naivePerSecond.toFixed(1) : fmt.int(naivePerSecond),
        `${fmt.ms(naiveMs)} on the sample (clusterPeople on it: ${fmt.ms(sampleMs)}, ${fmt.x(naiveMs / sampleMs)}); same clusters: ${sameClusters ? 'yes' : 'NO'}`,
      ],
    ]),
    `  ratio core/identity vs the naive baseline at ${fmt.int(config.people)}: ${fmt.x(naiveExtrapolatedMs / pure.totalMs)} faster (extrapolated; on the ${fmt.int(sample.length)} sample, measured: ${fmt.x(naiveMs / sampleMs)} for clustering alone)`,
    `  memory (bench process) over the three passes: V8 heap peak ${fmt.mb(peak.heapPeak)}, RSS peak ${fmt.mb(peak.rssPeak)}`,
    '',
    `IDENTITY RESULT: baseline and clusterPeople agree on the sample: ${sameClusters ? 'PASS' : 'FAIL'}${storePath ? `; store customers = core/identity customers: ${storePath.sameCustomers ? 'PASS' : 'FAIL'}` : ''}`,
  ]
  const json = {
    config,
    customers: pure.clusters.length,
    clusteredIdentities: clustered,
    clusterSizes: Object.fromEntries(sizes),
    pure: {
      clusterMs: pure.clusterMs,
      buildMs: pure.buildMs,
      totalMs: pure.totalMs,
      passesMs: passes.map((p) => p.totalMs),
      identitiesPerSecond: perSecond,
      memory: peak,
    },
    store: storePath,
    baseline: {
      sample: sample.length,
      naiveMs,
      clusterPeopleOnSampleMs: sampleMs,
      naiveExtrapolatedMs,
      identitiesPerSecond: naivePerSecond,
      sameClusters,
      ratioExtrapolated: naiveExtrapolatedMs / pure.totalMs,
    },
    pass: sameClusters && (storePath?.sameCustomers ?? true),
  }
  return { text: out.join('\n'), json, pass: json.pass }
}
