import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { refKey, type Person } from '../model/index.ts'
import { buildCustomer } from './build-customer.ts'
import { clusterPeople } from './cluster-people.ts'
import { customerIdFor } from './customer-id.ts'
import { hsContact, zdUser } from './person.fixtures.ts'

const keysOf = (clusters: Person[][]) => clusters.map((c) => c.map((p) => refKey(p.ref)))

// A small tenant: Jane in both tools (shared email), Paul linked explicitly, an old HubSpot contact of
// Jane merged into the survivor, a stranger, an agent sharing Jane's email, a deleted person.
const jane = zdUser('1', {
  name: 'Jane',
  emails: ['Jane@x.com'],
  updatedAt: '2025-03-01T00:00:00Z',
})
const janeHs = hsContact('100', {
  name: 'Jane D.',
  emails: ['jane@x.com'],
  phones: ['+33612345678'],
})
const janeOld = hsContact('99', {
  emails: ['jane.old@x.com'],
  deleted: true,
  mergedInto: { source: 'hubspot', account: '1234', object: 'contact', id: '100' },
})
const paul = zdUser('2', {
  name: 'Paul',
  links: [{ source: 'hubspot', account: '1234', object: 'contact', id: '200' }],
})
const paulHs = hsContact('200', { emails: ['paul@y.com'] })
const stranger = zdUser('3', { name: 'Ann', phones: ['+33 7 00 00 00 00'] })
const agent = zdUser('50', { role: 'agent', emails: ['jane@x.com'] })
const gone = zdUser('4', { deleted: true, emails: ['paul@y.com'] })
const tenant = [jane, janeHs, janeOld, paul, paulHs, stranger, agent, gone]

describe('clusterPeople', () => {
  it('joins over emails, links and merges; leaves agents and deleted people out', () => {
    expect(keysOf(clusterPeople(tenant))).toEqual([
      ['hubspot:1234:contact:100', 'hubspot:1234:contact:99', 'zendesk:acme:user:1'],
      ['hubspot:1234:contact:200', 'zendesk:acme:user:2'],
      ['zendesk:acme:user:3'],
    ])
  })

  it('gives identical customers for 20 random arrival orders', () => {
    const reference = clusterPeople(tenant).map((c) => buildCustomer(c, []))
    fc.assert(
      fc.property(fc.shuffledSubarray(tenant, { minLength: tenant.length }), (order) => {
        const customers = clusterPeople(order).map((c) => buildCustomer(c, []))
        expect(customers).toEqual(reference)
      }),
      { numRuns: 20 },
    )
  })

  it('is order independent for random people sharing random keys', () => {
    const arbPerson = fc
      .record({
        id: fc.integer({ min: 1, max: 30 }),
        hs: fc.boolean(),
        email: fc.constantFrom('a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', ''),
        link: fc.option(fc.integer({ min: 1, max: 30 })),
        merged: fc.option(fc.integer({ min: 1, max: 30 }), { freq: 4 }),
        deleted: fc.boolean(),
      })
      .map(({ id, hs, email, link, merged, deleted }) => {
        const make = hs ? hsContact : zdUser
        return make(String(id), {
          emails: email ? [email] : [],
          links: link ? [hsContact(String(link)).ref] : [],
          mergedInto: merged ? hsContact(String(merged)).ref : null,
          deleted,
        })
      })
    fc.assert(
      fc.property(
        fc.uniqueArray(arbPerson, { selector: (p) => refKey(p.ref), maxLength: 25 }),
        fc.integer(),
        (people, seed) => {
          const shuffled = [...people].sort(
            (a, b) => hashOf(refKey(a.ref), seed) - hashOf(refKey(b.ref), seed),
          )
          const a = clusterPeople(people)
          const b = clusterPeople(shuffled)
          expect(keysOf(b)).toEqual(keysOf(a))
          expect(b.map(customerIdFor)).toEqual(a.map(customerIdFor))
          // Every person with keys lands in exactly one cluster.
          const members = a.flat().map((p) => refKey(p.ref))
          expect(new Set(members).size).toBe(members.length)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('folds a merged identity into its survivor and keeps the survivor’s id', () => {
    const before = clusterPeople([janeHs])
    const janeHsOld = hsContact('150', { emails: ['j@x.com'] })
    const twoCustomers = clusterPeople([janeHs, janeHsOld])
    expect(twoCustomers).toHaveLength(2)
    const merged = { ...janeHsOld, mergedInto: janeHs.ref, updatedAt: '2025-06-01T00:00:00Z' }
    const after = clusterPeople([janeHs, janeHsOld, merged])
    expect(keysOf(after)).toEqual([['hubspot:1234:contact:100', 'hubspot:1234:contact:150']])
    expect(customerIdFor(after[0]!)).toBe(customerIdFor(before[0]!))
  })

  it('ignores a phone or email that several identities of one account share', () => {
    const switchboard = '+33 1 23 45 67 89'
    const alice = hsContact('1', { emails: ['alice@firm.fr'], phones: [switchboard] })
    const bob = hsContact('2', { emails: ['bob@firm.fr'], phones: [switchboard] })
    const aliceZd = zdUser('1', { phones: [switchboard] })
    expect(clusterPeople([alice, bob, aliceZd])).toHaveLength(3)
    // The same number on one identity per tool is a real match.
    expect(keysOf(clusterPeople([alice, aliceZd]))).toEqual([
      ['hubspot:1234:contact:1', 'zendesk:acme:user:1'],
    ])
    // A merged-away duplicate keeps no contact keys, so it does not make the number ambiguous.
    const aliceDup = hsContact('3', { phones: [switchboard], mergedInto: alice.ref })
    expect(clusterPeople([alice, aliceDup, aliceZd])).toHaveLength(1)
  })

  it('splits when the person bridging two identities is deleted, and leaves no orphans', () => {
    const bridge = zdUser('5', { emails: ['a@x.com', 'b@x.com'] })
    const a = hsContact('1', { emails: ['a@x.com'] })
    const b = hsContact('2', { emails: ['b@x.com'] })
    expect(clusterPeople([bridge, a, b])).toHaveLength(1)
    const deleted = { ...bridge, deleted: true, updatedAt: '2025-02-01T00:00:00Z' }
    expect(keysOf(clusterPeople([bridge, a, b, deleted]))).toEqual([
      ['hubspot:1234:contact:1'],
      ['hubspot:1234:contact:2'],
    ])
    // A merged-away identity whose survivor was deleted is nobody's history any more.
    const survivor = hsContact('3', { deleted: true })
    const loser = hsContact('4', { mergedInto: survivor.ref })
    expect(clusterPeople([survivor, loser])).toEqual([])
  })
})

function hashOf(text: string, seed: number): number {
  let h = seed | 0
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 2654435761)
  return h
}
