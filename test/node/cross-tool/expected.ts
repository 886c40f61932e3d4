import { ZENDESK_ACCOUNT, type World } from './harness.ts'

/**
 * The customers a person would expect, computed straight from the two sandboxes' ground truths and
 * deliberately NOT with core/identity (that would check the code against itself): identities of
 * live end users, joined when they share an address or a phone number, written any case or spacing.
 * One documented rule is kept because a person would expect it too: an address or number that two
 * identities of the SAME tool hold (a shared mailbox, a switchboard) says nothing about who is who
 * and joins nobody. HubSpot contacts merged away belong to their survivor; agents, deactivated
 * Zendesk users and privacy-deleted contacts belong to nobody.
 */

export interface Identity {
  key: string
  tool: 'zendesk' | 'hubspot'
  /** The human the sandboxes generated this identity for (`z<user id>` or `h<n>`). */
  human: string
  emails: string[]
  phones: string[]
}

const email = (raw: string | null | undefined) => {
  const value = (raw ?? '').trim().toLowerCase()
  return value.includes('@') ? [value] : []
}
// Separators only: `+33 6 12 34 56 78` and `+33612345678` are one number, `06…` stays another.
const phone = (raw: string | null | undefined) => {
  const value = (raw ?? '').replace(/[\s.\-()]/g, '')
  return value.replace(/\D/g, '').length >= 8 ? [value] : []
}

export const zendeskKey = (object: string, id: number | string) =>
  `zendesk:${ZENDESK_ACCOUNT}:${object}:${id}`
export const hubspotKey = (world: World, object: string, id: string) =>
  `hubspot:${world.hubspot.portalId}:${object}:${id}`

/** Every live identity of both tools, with its contact details as the tools hold them now. */
export function liveIdentities(world: World): Identity[] {
  const identities: Identity[] = []
  for (const user of world.zendesk.groundTruth().users) {
    if (user.role !== 'end-user' || user.active === false) continue
    identities.push({
      key: zendeskKey('user', user.id),
      tool: 'zendesk',
      human: `z${user.id}`,
      emails: email(user.email),
      phones: phone(user.phone),
    })
  }
  const truth = world.hubspot.groundTruth()
  for (const id of truth.live.contacts) {
    const contact = truth.record('contacts', id)!
    const p = contact.properties
    const additional = (p.hs_additional_emails ?? '').split(';').flatMap(email)
    identities.push({
      key: hubspotKey(world, 'contact', id),
      tool: 'hubspot',
      human: truth.personOfContact.get(id) ?? `unknown-${id}`,
      emails: [...new Set([...email(p.email), ...additional])],
      phones: [...new Set([...phone(p.phone), ...phone(p.mobilephone)])],
    })
  }
  return identities
}

/** HubSpot contacts merged away → their live survivor (chains followed; privacy deletions dropped). */
export function mergedContacts(world: World): Map<string, string> {
  const truth = world.hubspot.groundTruth()
  const live = new Set(truth.live.contacts)
  const into = new Map(truth.merges.map((m) => [m.loser, m.survivor]))
  const result = new Map<string, string>()
  for (const loser of into.keys()) {
    if (truth.record('contacts', loser)?.privacyDeleted) continue
    let survivor = into.get(loser)!
    for (let hops = 0; into.has(survivor) && hops < 10; hops++) survivor = into.get(survivor)!
    if (live.has(survivor)) {
      result.set(hubspotKey(world, 'contact', loser), hubspotKey(world, 'contact', survivor))
    }
  }
  return result
}

/** The expected customers, each as the sorted ref keys of its identities (merged-away included). */
export function expectedCustomers(world: World): string[][] {
  const identities = liveIdentities(world)
  const holders = new Map<string, Set<string>>()
  for (const identity of identities) {
    for (const detail of [...identity.emails.map((e) => `@${e}`), ...identity.phones]) {
      const key = `${identity.tool}|${detail}`
      holders.set(key, (holders.get(key) ?? new Set()).add(identity.key))
    }
  }
  const shared = new Set(
    [...holders].filter(([, who]) => who.size > 1).map(([key]) => key.split('|')[1]),
  )
  const parent = new Map(identities.map((i) => [i.key, i.key]))
  const find = (key: string): string => {
    while (parent.get(key) !== key) key = parent.get(key)!
    return key
  }
  const ownerOf = new Map<string, string>()
  for (const identity of identities) {
    for (const detail of [...identity.emails.map((e) => `@${e}`), ...identity.phones]) {
      if (shared.has(detail)) continue
      const owner = ownerOf.get(detail)
      if (owner === undefined) ownerOf.set(detail, identity.key)
      else parent.set(find(identity.key), find(owner))
    }
  }
  const groups = new Map<string, string[]>()
  const add = (key: string, root: string) => groups.set(root, [...(groups.get(root) ?? []), key])
  for (const identity of identities) add(identity.key, find(identity.key))
  for (const [loser, survivor] of mergedContacts(world)) add(loser, find(survivor))
  return canonical([...groups.values()])
}

/** Sorted members, sorted groups: two lists of customers compare with toEqual. */
export function canonical(groups: string[][]): string[][] {
  return groups
    .map((g) => [...g].sort())
    .sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0))
}

/** Identity ref key → the human it was generated for (merged-away contacts included). */
export function humans(world: World): Map<string, string> {
  const map = new Map(liveIdentities(world).map((i) => [i.key, i.human]))
  const personOf = world.hubspot.groundTruth().personOfContact
  for (const [contact, human] of personOf) map.set(hubspotKey(world, 'contact', contact), human)
  return map
}

/**
 * What a customer made of these identities should show, from the ground truths: Zendesk tickets
 * they requested (not deleted), HubSpot tickets and NPS answers associated with their contacts
 * (live ones; HubSpot names the requester by the ticket's first associated contact).
 */
export function expectedHistory(world: World, members: readonly string[]) {
  const member = new Set(members)
  const zendesk = world.zendesk.groundTruth()
  const hubspot = world.hubspot.groundTruth()
  const contactOf = (type: 'tickets' | 'feedback_submissions', id: string) => {
    const first = hubspot.associations(type, id, 'contacts')[0]
    return first === undefined ? null : hubspotKey(world, 'contact', first)
  }
  const tickets = [
    ...zendesk.tickets
      .filter((t) => t.status !== 'deleted' && member.has(zendeskKey('user', t.requester_id)))
      .map((t) => zendeskKey('ticket', t.id)),
    ...hubspot.live.tickets
      .filter((id) => member.has(contactOf('tickets', id) ?? ''))
      .map((id) => hubspotKey(world, 'ticket', id)),
  ].sort()
  const nps = hubspot.live.feedback_submissions
    .filter((id) => hubspot.record('feedback_submissions', id)?.properties.hs_survey_type === 'NPS')
    .filter((id) => member.has(contactOf('feedback_submissions', id) ?? ''))
    .map((id) => hubspotKey(world, 'feedback_submission', id))
    .sort()
  return { tickets, nps }
}
