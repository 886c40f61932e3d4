import { Customer, refKey, type Organisation, type Person } from '../model/index.ts'
import { compareText } from './cluster-people.ts'
import { customerIdFor } from './customer-id.ts'
import type { IdentityOptions } from './identity-keys.ts'
import { isLive } from './liveness.ts'
import { normaliseEmail } from './normalise-email.ts'
import { normalisePhone } from './normalise-phone.ts'

/**
 * The customer a cluster stands for. Everything shown comes from live members, the most recently
 * updated first (the freshest source knows best): the name, then emails and phones (normalised,
 * deduplicated), then the first organisation that is known and not deleted. Identities are the live
 * members' refs, with their deep links, sorted by ref key.
 */
export function buildCustomer(
  cluster: readonly Person[],
  orgs: readonly Organisation[],
  options: IdentityOptions = {},
): Customer {
  const live = cluster.filter(isLive)
  const members = (live.length > 0 ? live : [...cluster]).sort(freshestFirst)
  const emails = unique(members.flatMap((p) => p.emails.map((e) => normaliseEmail(e) ?? '')))
  const phones = unique(
    members.flatMap((p) =>
      p.phones.map((raw) => normalisePhone(raw, options.defaultCountry ?? null) ?? ''),
    ),
  )
  const name = members.map((p) => p.name?.trim() ?? '').find((n) => n !== '')
  return Customer.parse({
    id: customerIdFor(cluster),
    displayName: name ?? emails[0] ?? phones[0] ?? '',
    emails,
    phones,
    organisation: organisationOf(members, orgs),
    identities: [...members]
      .sort((a, b) => compareText(refKey(a.ref), refKey(b.ref)))
      .map((p) => p.ref),
  })
}

function organisationOf(members: readonly Person[], orgs: readonly Organisation[]) {
  const byKey = new Map(orgs.filter((o) => !o.deleted).map((o) => [refKey(o.ref), o]))
  for (const person of members) {
    const org = person.organisation && byKey.get(refKey(person.organisation))
    if (org) return { name: org.name, ref: org.ref }
  }
  return null
}

function freshestFirst(a: Person, b: Person): number {
  const delta = Date.parse(b.updatedAt) - Date.parse(a.updatedAt)
  return delta !== 0 ? delta : compareText(refKey(a.ref), refKey(b.ref))
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))]
}
