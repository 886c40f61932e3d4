import { refKey, type Person } from '../model/index.ts'
import { compareText } from './cluster-people.ts'
import { isLive } from './liveness.ts'
import { base36Of64, fnv1a64 } from './stable-hash.ts'

/**
 * `cus_` + base 36 of the FNV-1a 64 hash of the smallest ref key among the cluster's live members.
 * Arrival order and re-syncs do not change it; it changes only when the cluster gains a live member
 * with a smaller key or loses its smallest one (a merge or a split really makes another customer).
 * A cluster without live members (callers should not pass one) falls back to all its members.
 */
export function customerIdFor(cluster: readonly Person[]): string {
  const live = cluster.filter(isLive)
  const keys = (live.length > 0 ? live : cluster).map((p) => refKey(p.ref)).sort(compareText)
  const smallest = keys[0]
  if (smallest === undefined) throw new Error('customerIdFor: empty cluster')
  return `cus_${base36Of64(fnv1a64(smallest))}`
}
