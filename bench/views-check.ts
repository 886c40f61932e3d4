// The views check shared by the Zendesk and HubSpot parts: each customer's stored view against key
// figures computed independently from the sandbox's ground truth by the bench (its own grouping by
// the identity rules of core/identity/README.md and its own counting; never core's derive).
import type { CustomerView } from '../core/model/index.ts'
import type { TenantStore } from '../core/store/index.ts'

/** One customer's key figures, as the ground truth says and as the stored view says. */
export interface ViewFigures {
  /** `source:object:id` of each live member identity, sorted: the customer's identity. */
  members: string[]
  npsCount: number
  npsLatest: { score: number; at: string } | null
  csatCount: number
  /** 0–100, one decimal; null without answers. */
  csatSatisfiedPercent: number | null
  cesCount: number
  /** Mean normalised CES (0–1), four decimals; null without answers. */
  cesAverage: number | null
  openTotal: number
  /** Open tickets per tool; null when the stored view lists only the first ones (capped). */
  openByTool: Record<string, number> | null
}

/**
 * A person whose history belongs to a customer (core/identity/README.md): a live end user, or an
 * end user merged into another identity (keys: only `ref:` of its survivor). Agents, admins and
 * deleted people belong to none: leave them out.
 */
export interface GroupedPerson {
  /** `source:object:id`; its own key is `ref:<member>`. */
  member: string
  /** Live (not merged away): only live people are a customer's identities. */
  live: boolean
  /** `source:account`: an email or phone held twice within one account is a shared line. */
  account: string
  /**
   * Normalised emails and phones (`email:…`, `phone:…`); `ref:<member>` of explicit links and
   * survivors; external ids (any other key).
   */
  keys: string[]
}

/**
 * Customers as connected components over shared keys (core/identity/README.md): an email or phone
 * held by two identities of the same source account joins nobody; every other key (self, explicit
 * links, survivors, external ids) joins whoever holds it. Only groups with a live person are
 * customers. Each group lists every person in it (sorted); groups sorted by first person.
 */
export function groupCustomers(people: readonly GroupedPerson[]): string[][] {
  const holders = new Map<string, Set<string>>()
  for (const p of people)
    for (const key of p.keys) {
      if (!key.startsWith('email:') && !key.startsWith('phone:')) continue
      const accounts = holders.get(`${p.account}|${key}`) ?? new Set()
      accounts.add(p.member)
      holders.set(`${p.account}|${key}`, accounts)
    }
  const shared = new Set(
    [...holders].filter(([, m]) => m.size > 1).map(([k]) => k.slice(k.indexOf('|') + 1)),
  )
  const parent = new Map<string, string>()
  const find = (m: string): string => {
    let root = m
    while (parent.get(root) !== root) root = parent.get(root) as string
    parent.set(m, root)
    return root
  }
  const owner = new Map<string, string>()
  for (const p of people) {
    parent.set(p.member, p.member)
    for (const key of [`ref:${p.member}`, ...p.keys]) {
      if (shared.has(key)) continue
      const seen = owner.get(key)
      if (seen === undefined) owner.set(key, p.member)
      else {
        const [a, b] = [find(seen), find(p.member)]
        if (a !== b) parent.set(a < b ? b : a, a < b ? a : b)
      }
    }
  }
  const groups = new Map<string, string[]>()
  for (const p of people) {
    const root = find(p.member)
    groups.set(root, [...(groups.get(root) ?? []), p.member])
  }
  const live = new Set(people.filter((p) => p.live).map((p) => p.member))
  return [...groups.values()]
    .filter((g) => g.some((m) => live.has(m)))
    .map((g) => g.sort())
    .sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1))
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits

/** A share of satisfied answers as the view stores it (0–100, one decimal), null without any. */
export function percentOf(satisfied: number, count: number): number | null {
  return count === 0 ? null : round((satisfied / count) * 100, 1)
}

/** A mean as the view stores it (four decimals), null without values. */
export function meanOf(values: readonly number[]): number | null {
  if (values.length === 0) return null
  return round(values.reduce((s, v) => s + Math.min(1, Math.max(0, v)), 0) / values.length, 4)
}

/** The key figures a stored view states. */
export function storedFigures(view: CustomerView): ViewFigures {
  const open = view.tickets.open
  const openTotal = view.tickets.openTotal ?? open.length
  const byTool: Record<string, number> = {}
  for (const t of open) byTool[t.ref.source] = (byTool[t.ref.source] ?? 0) + 1
  return {
    members: view.customer.identities.map((i) => `${i.source}:${i.object}:${i.id}`).sort(),
    npsCount: view.nps.total ?? view.nps.responses.length,
    npsLatest: view.nps.latest ? { score: view.nps.latest.score, at: view.nps.latest.at } : null,
    csatCount: view.csat.total ?? view.csat.responses.length,
    csatSatisfiedPercent: view.csat.satisfiedPercent,
    cesCount: view.ces.total ?? view.ces.responses.length,
    cesAverage: view.ces.averageNormalised,
    openTotal,
    openByTool: open.length === openTotal ? byTool : null,
  }
}

/** Every stored view's figures. */
export function storedViewFigures(store: TenantStore): ViewFigures[] {
  return store.sql
    .all<{ body: string }>('SELECT body FROM views')
    .map((r) => storedFigures(JSON.parse(r.body) as CustomerView))
}

export interface ViewComparison {
  expected: number
  stored: number
  /** Customers whose every figure agrees. */
  agree: number
  /** Expected customers (by members) with no stored view. */
  missing: string[][]
  /** Stored views of member sets the ground truth does not group so. */
  extra: string[][]
  /** Customers whose figures differ: the first differences of each. */
  differ: { members: string[]; differences: string[] }[]
  pass: boolean
}

/** Expected vs stored figures, matched by member set. */
export function compareViews(
  expected: readonly ViewFigures[],
  stored: readonly ViewFigures[],
): ViewComparison {
  const key = (f: ViewFigures) => f.members.join(',')
  const storedBy = new Map(stored.map((f) => [key(f), f]))
  const expectedKeys = new Set(expected.map(key))
  const missing: string[][] = []
  const differ: ViewComparison['differ'] = []
  let agree = 0
  for (const want of expected) {
    const got = storedBy.get(key(want))
    if (!got) {
      missing.push(want.members)
      continue
    }
    const differences = figureDifferences(want, got)
    if (differences.length === 0) agree++
    else differ.push({ members: want.members, differences: differences.slice(0, 4) })
  }
  const extra = stored.filter((f) => !expectedKeys.has(key(f))).map((f) => f.members)
  return {
    expected: expected.length,
    stored: stored.length,
    agree,
    missing,
    extra,
    differ,
    pass: missing.length === 0 && extra.length === 0 && differ.length === 0,
  }
}

function figureDifferences(want: ViewFigures, got: ViewFigures): string[] {
  const out: string[] = []
  const same = (name: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${name}: truth ${JSON.stringify(a)}, view ${JSON.stringify(b)}`)
  }
  same('NPS answers', want.npsCount, got.npsCount)
  same('latest NPS', want.npsLatest, got.npsLatest)
  same('CSAT answers', want.csatCount, got.csatCount)
  same('CSAT satisfied %', want.csatSatisfiedPercent, got.csatSatisfiedPercent)
  same('CES answers', want.cesCount, got.cesCount)
  same('CES average', want.cesAverage, got.cesAverage)
  same('open tickets', want.openTotal, got.openTotal)
  if (got.openByTool !== null) same('open tickets per tool', want.openByTool, got.openByTool)
  return out
}

/** One line per failing customer, the first `limit` of them. */
export function describeViewMismatches(c: ViewComparison, limit = 5): string[] {
  const members = (m: string[]) => (m.length > 3 ? `${m.slice(0, 3).join(', ')}…` : m.join(', '))
  return [
    ...c.missing.slice(0, limit).map((m) => `    no view for the customer of ${members(m)}`),
    ...c.extra
      .slice(0, limit)
      .map((m) => `    a view the ground truth has no customer for: ${members(m)}`),
    ...c.differ
      .slice(0, limit)
      .map((d) => `    ${members(d.members)}: ${d.differences.join('; ')}`),
  ]
}
