import { describe, expect, it } from 'vitest'
import type { UnifiedRecord } from '../../core/model/index.ts'
import { admin, call, createTenant } from './http.ts'
import { inObject, rowsWith } from './lifecycle-helpers.ts'
import { npsRecord, personRecord, ref, seed, ticketRecord } from './seed.ts'

const ZD = 'erase-zd'
const PORTAL = '4242'
const zoeZendesk = ref('zendesk', ZD, 'user', '9000000555')
const zoeHubSpot = ref('hubspot', PORTAL, 'contact', '70000000555')
const paul = ref('zendesk', ZD, 'user', '9000000999')
const EMAIL = 'zoe.erasable@example.com'
const PHONE = '+33 6 12 34 56 78'

/** Everything that names Zoé, in any column of any table. */
const TRACES = [
  EMAIL,
  'Zoé Erasable',
  'Erasable',
  '9000000555',
  '70000000555',
  '33612345678',
  PHONE,
  '880055',
  '6600055',
]

function withPhone(record: UnifiedRecord): UnifiedRecord {
  if (record.kind !== 'person') return record
  return { ...record, record: { ...record.record, phones: [PHONE] } }
}

/** Zoé in both tools (one customer by email), her ticket, her NPS answer and a quarantined item
 * naming her; Paul beside her, who must stay. */
async function tenantWithZoe(): Promise<string> {
  const { tenantId } = await createTenant('Erase')
  await seed(tenantId, { source: 'zendesk', account: ZD }, [
    withPhone(personRecord(zoeZendesk, EMAIL, 'Zoé Erasable')),
    personRecord(paul, 'paul.keep@example.com', 'Paul Keep'),
    ticketRecord(ref('zendesk', ZD, 'ticket', '880055'), zoeZendesk, { subject: 'Refund please' }),
    ticketRecord(ref('zendesk', ZD, 'ticket', '880099'), paul, { subject: 'Paul asks' }),
  ])
  await seed(tenantId, { source: 'hubspot', account: PORTAL }, [
    personRecord(zoeHubSpot, EMAIL.toUpperCase(), 'Zoé Erasable'),
    npsRecord(ref('hubspot', PORTAL, 'feedback_submission', '6600055'), zoeHubSpot, 3),
  ])
  await inObject(tenantId, (instance) => {
    const [connection] = instance.store.listConnections().filter((c) => c.source === 'zendesk')
    instance.store.writePage({
      connectionId: connection!.id,
      stream: 'tickets',
      records: [],
      quarantined: [
        { vendorId: '880077', reason: 'bad status', raw: { id: 880077, via: { from: EMAIL } } },
      ],
      cursor: null,
      state: { status: 'idle' },
    })
    // Before: Zoé is everywhere the scan looks, and one customer joins both tools.
    expect(rowsWith(instance.store.sql, [EMAIL]).length).toBeGreaterThan(3)
    expect(instance.store.findCustomerId({ by: 'email', email: EMAIL })).not.toBeNull()
  })
  return tenantId
}

const requests: [string, Record<string, string>][] = [
  ['zendesk_user', { kind: 'zendesk_user', value: '9000000555' }],
  ['hubspot_contact', { kind: 'hubspot_contact', value: '70000000555', account: PORTAL }],
  ['email', { kind: 'email', value: ' Zoe.Erasable@Example.com ' }],
  ['phone', { kind: 'phone', value: '+33612345678' }],
]

describe('erasing one person by any of their ids', () => {
  it.each(requests)('by %s leaves no row naming them, in either tool', async (_kind, body) => {
    const tenantId = await tenantWithZoe()
    const res = await admin('POST', `/admin/tenants/${tenantId}/erase`, body)
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ erased: { people: 2 } })
    expect((res.json as { erased: { records: number } }).erased.records).toBeGreaterThanOrEqual(4)
    await inObject(tenantId, (instance) => {
      expect(rowsWith(instance.store.sql, TRACES)).toEqual([])
      // Paul, his ticket and his customer stay.
      const paulCustomer = instance.store.findCustomerId({ by: 'person', ref: paul })
      expect(paulCustomer).not.toBeNull()
      expect(instance.store.getView(paulCustomer!)).not.toBeNull()
      expect(instance.store.countRecords('ticket')).toBe(1)
    })
    // Idempotent: nobody is left to erase.
    const again = await admin('POST', `/admin/tenants/${tenantId}/erase`, body)
    expect(again.status).toBe(200)
    expect(again.json).toEqual({ erased: { people: 0, records: 0, quarantined: 0 } })
  })

  it('refuses bad requests with a problem, and anyone without the admin token', async () => {
    const tenantId = await tenantWithZoe()
    const path = `/admin/tenants/${tenantId}/erase`
    for (const body of [
      { kind: 'zendesk_ticket', value: '880055' },
      { kind: 'email' },
      { kind: 'email', value: EMAIL, account: ZD },
      { kind: 'email', value: EMAIL, extra: 1 },
    ]) {
      const res = await admin('POST', path, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.type).toContain('application/problem+json')
    }
    expect((await call('POST', path, { body: { kind: 'email', value: EMAIL } })).status).toBe(401)
    await inObject(tenantId, (instance) => {
      expect(rowsWith(instance.store.sql, [EMAIL]).length).toBeGreaterThan(3)
    })
  })
})
