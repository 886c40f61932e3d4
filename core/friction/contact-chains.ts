import { isOpen, type Ticket } from '../model/index.ts'
import { isFollowUp, isMirror, reachOf } from './follow-ups.ts'
import { DAY, at } from './rule.ts'
import { topicMatcher } from './topic.ts'

/** Tickets that follow each other up on one topic: one problem the customer kept raising. */
export interface ContactChain {
  /** Every ticket of the chain, oldest first (copies mirrored into another tool included). */
  tickets: [Ticket, ...Ticket[]]
  /** The times the customer got in touch: the tickets minus mirrored copies, oldest first. */
  contacts: [Ticket, Ticket, ...Ticket[]]
  /** Whole days from the first contact to the last, at least 1. */
  days: number
  /** Whether one of the contacts after the first is still open: coming back did not settle it. */
  open: boolean
}

type Options = { ignoreTags?: readonly string[] }

interface Building {
  tickets: Ticket[]
  contacts: Ticket[]
}

/**
 * Groups a customer's tickets into chains: each contact follows up the chain's latest one
 * (`isFollowUp`: same topic, within `days` of its end, or before it ended), so five contacts about
 * one refund are one chain, not four pairs, and a gap longer than the window starts a new chain.
 * Only the latest contact extends a chain: a ticket left open for months would otherwise pull every
 * later ticket on its topic into one chain spanning years. A ticket following up several chains
 * joins the one with the newest latest contact; a copy mirrored from another tool joins the chain of
 * the ticket it copies without counting as a contact. Chains of one contact are left out; the rest
 * come by first ticket. `tickets` must be oldest first (as a timeline holds them).
 */
export function contactChains(
  tickets: readonly Ticket[],
  days: number,
  options: Options = {},
): ContactChain[] {
  const key = `${days}|${(options.ignoreTags ?? []).join('|')}`
  let cached = cache.get(tickets)
  if (!cached) cache.set(tickets, (cached = new Map()))
  let chains = cached.get(key)
  if (!chains) cached.set(key, (chains = buildChains(tickets, days, options)))
  return chains
}

// Repeat contact and channel hopping read the same chains of the same timeline: build them once.
const cache = new WeakMap<readonly Ticket[], Map<string, ContactChain[]>>()

function buildChains(tickets: readonly Ticket[], days: number, options: Options): ContactChain[] {
  const same = topicMatcher(tickets, options)
  const chains: Building[] = []
  // Chains whose latest contact is still in reach; a sweep keeps the search short on long histories.
  let live: Building[] = []
  for (const ticket of tickets) {
    const created = at(ticket.createdAt)
    live = live.filter((c) => reachOf(c.contacts.at(-1)!, days) >= created)
    let joined: { chain: Building; mirror: boolean } | null = null
    for (const chain of live) {
      const latest = chain.contacts.at(-1)!
      const mirror = isMirror(latest, ticket) && same(latest, ticket)
      if (!mirror && !isFollowUp(latest, ticket, days, same)) continue
      if (!joined || created >= at(joined.chain.contacts.at(-1)!.createdAt)) {
        joined = { chain, mirror }
      }
    }
    if (!joined) {
      const chain = { tickets: [ticket], contacts: [ticket] }
      chains.push(chain)
      live.push(chain)
      continue
    }
    joined.chain.tickets.push(ticket)
    if (!joined.mirror) joined.chain.contacts.push(ticket)
  }
  return chains.flatMap(({ tickets, contacts }) => {
    if (contacts.length < 2) return []
    const span = at(contacts.at(-1)!.createdAt) - at(contacts[0]!.createdAt)
    return [
      {
        tickets: tickets as ContactChain['tickets'],
        contacts: contacts as ContactChain['contacts'],
        days: Math.max(1, Math.ceil(span / DAY)),
        open: contacts.slice(1).some(isOpen),
      },
    ]
  })
}
