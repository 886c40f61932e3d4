import { refKey, type Person } from '../model/index.ts'
import { identityKeys, type IdentityOptions } from './identity-keys.ts'
import { isLive } from './liveness.ts'

/**
 * Groups people into customers: connected components over shared identity keys (union-find).
 *
 * The result does not depend on input order: members are sorted by ref key, clusters by their first
 * member. Only clusters with at least one live member are returned (merged-away people whose survivor
 * is gone would otherwise become orphan customers); agents, admins and deleted people are left out.
 * When the same ref appears twice, the version with the newest `updatedAt` counts.
 *
 * An email or phone held by two or more identities of the same source account is a shared line or
 * mailbox (a company switchboard on every contact of a firm, a family address): sources keep one
 * identity per human, so that key cannot tell anyone apart and joins nothing.
 */
export function clusterPeople(
  people: readonly Person[],
  options: IdentityOptions = {},
): Person[][] {
  const unique = latestVersions(people)
  const parent = unique.map((_, i) => i)
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[i] as number
      parent[i] = parent[up] as number
      i = up
    }
    return i
  }
  const owner = new Map<string, number>()
  const keysOf = unique.map((person) => identityKeys(person, options))
  const shared = sharedContactKeys(unique, keysOf)
  const keyed: boolean[] = []
  unique.forEach((_, i) => {
    const keys = keysOf[i] as string[]
    keyed[i] = keys.length > 0
    for (const key of keys) {
      if (shared.has(key)) continue
      const seen = owner.get(key)
      if (seen === undefined) owner.set(key, i)
      else {
        const [a, b] = [find(seen), find(i)]
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b)
      }
    }
  })
  const groups = new Map<number, Person[]>()
  unique.forEach((person, i) => {
    if (!keyed[i]) return
    const root = find(i)
    const group = groups.get(root)
    if (group) group.push(person)
    else groups.set(root, [person])
  })
  return [...groups.values()].filter((group) => group.some(isLive)).sort(byFirstMember)
}

function sharedContactKeys(people: readonly Person[], keysOf: readonly string[][]): Set<string> {
  const holders = new Map<string, number>()
  const shared = new Set<string>()
  people.forEach((person, i) => {
    for (const key of keysOf[i] as string[]) {
      if (!key.startsWith('email:') && !key.startsWith('phone:')) continue
      const accountKey = `${person.ref.source}:${person.ref.account}|${key}`
      const count = (holders.get(accountKey) ?? 0) + 1
      holders.set(accountKey, count)
      if (count > 1) shared.add(key)
    }
  })
  return shared
}

function latestVersions(people: readonly Person[]): Person[] {
  const byRef = new Map<string, Person>()
  for (const person of people) {
    const key = refKey(person.ref)
    const known = byRef.get(key)
    if (!known || isNewer(person, known)) byRef.set(key, person)
  }
  // Sorting here makes every later step (members, union order) independent of arrival order.
  return [...byRef.entries()].sort(([a], [b]) => compareText(a, b)).map(([, person]) => person)
}

// Same ref and same updatedAt from two deliveries: prefer the one that says deleted/merged, since
// sources only ever move identities towards those states.
function isNewer(candidate: Person, known: Person): boolean {
  const [a, b] = [Date.parse(candidate.updatedAt), Date.parse(known.updatedAt)]
  if (a !== b) return a > b
  return rank(candidate) > rank(known)
}
const rank = (p: Person): number => (p.deleted ? 2 : 0) + (p.mergedInto ? 1 : 0)

function byFirstMember(a: Person[], b: Person[]): number {
  return compareText(refKey((a[0] as Person).ref), refKey((b[0] as Person).ref))
}

/** Code-unit order: the same on every runtime and locale, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
