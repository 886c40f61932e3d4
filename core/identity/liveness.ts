import type { Person } from '../model/index.ts'

/**
 * A person who is a customer identity in their own right: an end user, neither deleted nor merged away.
 * Only live people name a customer, give it contact details and list as its identities.
 */
export function isLive(p: Person): boolean {
  return p.role === 'end_user' && !p.deleted && p.mergedInto === null
}

/**
 * A person whose history belongs to some customer: live people and end users merged into another
 * identity. A merged-away identity is often also flagged deleted by its source; the merge wins, so
 * its tickets and answers follow the survivor instead of vanishing.
 */
export function belongsToACustomer(p: Person): boolean {
  return p.role === 'end_user' && (p.mergedInto !== null || !p.deleted)
}
