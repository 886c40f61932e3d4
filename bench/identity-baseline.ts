import { identityKeys, isLive } from '../core/identity/index.ts'
import { refKey, type Person } from '../core/model/index.ts'

/**
 * The naive way: compare every pair of identities and join the two when they share a key
 * (O(n²) pairs). Same normalisation (`identityKeys`) and the same shared-mailbox rule as
 * `clusterPeople`, so only the pairing strategy differs; returns clusters as sorted ref-key lists.
 */
export function naivePairwiseClusters(people: readonly Person[]): string[][] {
  const keys = people.map((p) => identityKeys(p))
  const holders = new Map<string, number>()
  people.forEach((p, i) => {
    for (const key of keys[i] as string[]) {
      if (!key.startsWith('email:') && !key.startsWith('phone:')) continue
      const k = `${p.ref.source}:${p.ref.account}|${key}`
      holders.set(k, (holders.get(k) ?? 0) + 1)
    }
  })
  // A key held twice inside one account is a shared line or mailbox: ignored (clusterPeople's rule).
  const shared = new Set<string>()
  for (const [k, n] of holders) if (n > 1) shared.add(k.slice(k.indexOf('|') + 1))
  const sets = keys.map((list) => new Set(list.filter((k) => !shared.has(k))))
  const parent = people.map((_, i) => i)
  const find = (i: number): number =>
    parent[i] === i ? i : (parent[i] = find(parent[i] as number))
  for (let i = 0; i < people.length; i++) {
    const a = sets[i] as Set<string>
    if (a.size === 0) continue
    for (let j = i + 1; j < people.length; j++) {
      const b = sets[j] as Set<string>
      for (const key of a) {
        if (b.has(key)) {
          parent[find(j)] = find(i)
          break
        }
      }
    }
  }
  const groups = new Map<number, string[]>()
  people.forEach((p, i) => {
    if ((sets[i] as Set<string>).size === 0) return
    const root = find(i)
    groups.set(root, [...(groups.get(root) ?? []), refKey(p.ref)])
  })
  const live = new Set(people.filter(isLive).map((p) => refKey(p.ref)))
  return [...groups.values()].filter((g) => g.some((k) => live.has(k))).map((g) => g.sort())
}
