import { evaluateAlerts, type AlertCandidate } from '../alerts/index.ts'
import { buildCustomer, clusterPeople } from '../identity/index.ts'
import { refKey, type TenantSettings } from '../model/index.ts'
import { getAlertRules, recordAlerts } from '../store/alerts.ts'
import * as q from '../store/customers.ts'
import type { TenantStore } from '../store/index.ts'
import { deriveView } from '../view/index.ts'

export interface DeriveOptions {
  /** Defaults to the tenant's stored settings. */
  settings?: TenantSettings
  now: number
}

/**
 * Re-derives the customers of the touched people, in one transaction: the people connected to them
 * (and to their former customers, so splits are seen) are re-clustered; each cluster's customer,
 * members and view are rewritten; customers that no longer exist (merged, split, erased) are
 * deleted with their views. Clears the touched keys from the store's derive queue. Alerts the
 * tenant's rules raise on the new data are written to the store's outbox in the same transaction.
 * Returns the ids of customers written or deleted.
 */
export function rederive(
  store: TenantStore,
  touchedPersonKeys: readonly string[],
  options: DeriveOptions,
): string[] {
  const { sql } = store
  const touched = [...new Set(touchedPersonKeys)]
  if (touched.length === 0) return []
  return sql.transaction(() => {
    const settings = options.settings ?? store.getSettings()
    const freshness = store.freshness()
    const formerMembers = q.membersOf(sql, q.customerIdsOf(sql, touched))
    const reached = q.connectedPeople(sql, [...new Set([...touched, ...formerMembers])])
    const formerCustomers = q.customerIdsOf(sql, reached)
    const clusters = clusterPeople(q.loadPeople(sql, reached))
    const records = q.loadClusterRecords(sql, clusters)
    const written = new Set<string>()
    const members = new Set<string>()
    const rules = getAlertRules(sql)
    const alertsSinceMs = options.now - rules.windowHours * 3_600_000
    const alerts: AlertCandidate[] = []
    for (const [i, cluster] of clusters.entries()) {
      const memberKeys = cluster.map((p) => refKey(p.ref))
      const { tickets, responses, organisations } = records[i]!
      const customer = buildCustomer(cluster, organisations)
      const view = deriveView({
        customer,
        people: cluster,
        tickets,
        responses,
        settings,
        now: options.now,
        freshness,
      })
      q.saveCustomer(sql, customer, memberKeys, view, options.now)
      alerts.push(
        ...evaluateAlerts({
          customer,
          responses,
          friction: view.friction,
          rules,
          sinceMs: alertsSinceMs,
        }),
      )
      store.saveDashboardShare(customer.id, responses, view, settings, memberKeys)
      written.add(customer.id)
      for (const key of memberKeys) members.add(key)
    }
    const gone = formerCustomers.filter((id) => !written.has(id))
    q.deleteCustomers(sql, gone)
    q.dropMembership(
      sql,
      [...reached, ...touched].filter((key) => !members.has(key)),
    )
    q.clearPendingDerive(sql, touched)
    // Fired alerts go to the outbox with the views that show them (the worker's alarm delivers).
    recordAlerts(sql, alerts, rules, options.now)
    return [...written, ...gone].sort()
  })
}

/** People re-derived per call at most by default (a settings change queues every customer's members). */
export const DERIVE_MAX_PEOPLE = 1000
/**
 * The derive's time in one alarm pass at most (its batches, rests left out): at 300k tickets a
 * person costs about 8 ms in workerd against 4 at 20k (bench/README.md), so 1,000 people alone
 * neared the pass's 10 s CPU target.
 */
export const DERIVE_MAX_WORK_MS = 4000
const BATCH = 200
/**
 * A paced derive's batches aim at this much time each (measured, see `derivePendingPaced`): a
 * lookup arriving mid-derive waits behind one batch, and each of its hops (the worker's own
 * directory and key checks share the isolate's thread under workerd) behind one more.
 */
export const PACED_TARGET_MS = 10
/** Its first batch, before it has measured what a person costs, and the size it grows to at most. */
export const PACED_FIRST_BATCH = 4
export const PACED_MAX_BATCH = 50

export interface DeriveBounds {
  /** Queued people taken per call at most (default `DERIVE_MAX_PEOPLE`). */
  maxPeople?: number
  /** No new batch starts once this long has passed since the call began (default: no time bound). */
  maxMillis?: number
  /** What `maxMillis` is measured on (default: the store's clock). */
  clock?: { now(): number }
  /**
   * `derivePendingPaced` only: no batch starts once the batches took this long together (ms, rests
   * left out): the derive's share of a pass's CPU, whatever a person costs in this tenant.
   */
  maxWorkMs?: number
  /** People per transaction (default 200); read before each batch (`derivePendingPaced` adapts it). */
  batch?: number | (() => number)
}

export interface DeriveSlice {
  /** Customers written or deleted. */
  customers: string[]
  /** People taken from the queue (what the call cost, with the customers' records). */
  people: number
  /** People still queued: call again (the worker's alarm re-arms at once). */
  remaining: number
}

/**
 * The batches of one bounded derive, each in its own transaction: the queue is read once per window
 * (people without a view first, see `pendingDerive`), then derived batch by batch until a bound.
 */
function* deriveBatches(
  store: TenantStore,
  options: DeriveOptions & DeriveBounds,
  customers: Set<string>,
): Generator<number, void> {
  const { maxPeople = DERIVE_MAX_PEOPLE, maxMillis, clock = store, batch = BATCH } = options
  const deadline = maxMillis === undefined ? Infinity : clock.now() + maxMillis
  const derive: DeriveOptions = {
    now: options.now,
    ...(options.settings ? { settings: options.settings } : {}),
  }
  let taken = 0
  while (taken < maxPeople) {
    const wanted = maxPeople - taken
    const window = store.pendingDerive(wanted)
    if (window.length === 0) return
    const size = typeof batch === 'number' ? () => batch : batch
    for (let i = 0; i < window.length;) {
      if (clock.now() >= deadline) return
      const keys = window.slice(i, i + Math.max(1, size()))
      i += keys.length
      for (const id of rederive(store, keys, derive)) customers.add(id)
      taken += keys.length
      yield taken
    }
    if (window.length < wanted) return
  }
}

/**
 * Drains the store's derive queue (left by pages, webhooks, imports, a settings change or a crash
 * between a page and its derive), bounded: at most `maxPeople` queued people, and no batch started
 * after `maxMillis`, so one call stays short however many views are stale. People without a view
 * go first. The benchmark derives through here; loop on `remaining` to drain the whole queue.
 */
export function derivePendingSlice(
  store: TenantStore,
  options: DeriveOptions & DeriveBounds,
): DeriveSlice {
  const customers = new Set<string>()
  let people = 0
  for (const taken of deriveBatches(store, options, customers)) people = taken
  return { customers: [...customers].sort(), people, remaining: store.countPendingDerive() }
}

/**
 * `derivePendingSlice` in short batches, awaiting `pause` between them: a Durable Object answers
 * nothing while synchronous work runs, so the worker's alarm derives this way and a sidebar lookup
 * arriving mid-derive waits for one short batch, not the whole slice. A person's cost varies a
 * hundredfold (one ticket or hundreds), so a batch is sized by time, not count: the next one takes
 * what fits in `targetMs` at the running cost per person. A batch is timed from its start to its
 * end; where the clock stands still during synchronous work (Cloudflare's moves on I/O only), from
 * its start to the next one's less the pause's deliberate rest (what ran in the pause counts, which
 * only makes batches smaller).
 */
export async function derivePendingPaced(
  store: TenantStore,
  options: DeriveOptions &
    DeriveBounds & {
      /**
       * Awaited after each batch, given how long it took (ms; estimated where the clock stood
       * still); resolves to how long it rested on purpose, if it did (left out of the next timing).
       */
      pause: (batchMs: number) => Promise<number | void>
      targetMs?: number
    },
): Promise<DeriveSlice> {
  const clock = options.clock ?? store
  const target = options.targetMs ?? PACED_TARGET_MS
  const customers = new Set<string>()
  const pacing = { size: PACED_FIRST_BATCH, msPerPerson: 0 }
  let people = 0
  let worked = 0
  let start = clock.now()
  const batches = deriveBatches(store, { ...options, batch: () => pacing.size }, customers)
  for (const taken of batches) {
    const done = taken - people
    people = taken
    const end = clock.now()
    const rested = await options.pause(end > start ? end - start : pacing.msPerPerson * done)
    const next = clock.now()
    const cost = Math.max(0, end > start ? end - start : next - start - (rested ?? 0)) / done
    start = next
    worked += cost * done
    if (options.maxWorkMs !== undefined && worked >= options.maxWorkMs) break
    // Half the weight on the last batch: one busy customer shrinks the next few, not all of them.
    pacing.msPerPerson = people === done ? cost : (pacing.msPerPerson + cost) / 2
    pacing.size = Math.min(
      PACED_MAX_BATCH,
      Math.max(1, Math.floor(target / Math.max(pacing.msPerPerson, 0.01))),
    )
  }
  return { customers: [...customers].sort(), people, remaining: store.countPendingDerive() }
}

/** A lookup derives a pending customer itself when it is at most this big (else: retry soon). */
export const ON_DEMAND_MAX = { people: 50, tickets: 2000 }

export type OnDemandOutcome = 'derived' | 'not_pending' | 'too_large'

/**
 * Derives now the customer of people a lookup names, when they wait in the queue (a backfill has
 * not reached them yet, or defers their re-derive to its end) and their customer is small enough
 * for a request: a known person gets a view instead of a 404, a deferred one a fresh view. A larger
 * one stays for the alarm (`too_large`). `deferredOnly`: only people a backfill defers count.
 */
export function deriveOnDemand(
  store: TenantStore,
  personKeys: readonly string[],
  options: DeriveOptions & { max?: typeof ON_DEMAND_MAX; deferredOnly?: boolean },
): OnDemandOutcome {
  const { sql } = store
  const max = options.max ?? ON_DEMAND_MAX
  const keys = [...personKeys]
  const pending = options.deferredOnly ? q.deferredAmong(sql, keys) : q.pendingAmong(sql, keys)
  if (pending.length === 0) return 'not_pending'
  const reached = q.connectedPeople(sql, pending)
  if (reached.length > max.people || q.countTicketsOf(sql, reached) > max.tickets) {
    return 'too_large'
  }
  rederive(store, pending, {
    now: options.now,
    ...(options.settings ? { settings: options.settings } : {}),
  })
  return 'derived'
}
