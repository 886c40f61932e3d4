import { refKey, type Person } from '../model/index.ts'
import { belongsToACustomer } from './liveness.ts'
import { normaliseEmail } from './normalise-email.ts'
import { normalisePhone, type PhoneCountry } from './normalise-phone.ts'

export interface IdentityOptions {
  /** Country assumed for phone numbers written without a calling code; null keeps them national. */
  defaultCountry?: PhoneCountry | null
}

/**
 * The keys two identities of the same human can share. Two people sharing any key are one customer.
 *
 * - `ref:<refKey>` of the person itself and of every explicit link, so a link joins both ends;
 * - `email:<normalised>`, `phone:<normalised>`, `ext:<source>:<account>:<externalId>`;
 * - a merged-away person keys only to itself and its survivor (`ref:` of `mergedInto`): its old
 *   contact details may since belong to someone else, the merge is the source's own statement.
 * Agents, admins and deleted people give no keys: they never become or join customers.
 */
export function identityKeys(p: Person, options: IdentityOptions = {}): string[] {
  if (!belongsToACustomer(p)) return []
  const keys = new Set<string>([`ref:${refKey(p.ref)}`])
  if (p.mergedInto) {
    keys.add(`ref:${refKey(p.mergedInto)}`)
    return [...keys]
  }
  for (const link of p.links) keys.add(`ref:${refKey(link)}`)
  for (const raw of p.emails) {
    const email = normaliseEmail(raw)
    if (email) keys.add(`email:${email}`)
  }
  for (const raw of p.phones) {
    const phone = normalisePhone(raw, options.defaultCountry ?? null)
    if (phone) keys.add(`phone:${phone}`)
  }
  const externalId = p.externalId?.trim()
  if (externalId) keys.add(`ext:${p.ref.source}:${p.ref.account}:${externalId}`)
  return [...keys]
}
