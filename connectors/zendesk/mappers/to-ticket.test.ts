import { describe, expect, it } from 'vitest'
import { UnifiedRecord } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import { metricSet, ticket } from '../fixtures/raw.ts'
import { toTicket } from './to-ticket.ts'

const map = (t: unknown, m: unknown = null) => {
  const records = toTicket({ ticket: t, metricSet: m }, 'acme')
  records.forEach((r) => UnifiedRecord.parse(r))
  const [record] = records
  if (record?.kind !== 'ticket') throw new Error('expected a ticket')
  return record.record
}

describe('toTicket', () => {
  it('maps the OpenAPI example ticket with its metric set', () => {
    const t = map({ ...ticket, status: 'solved' }, metricSet)
    expect(t.ref).toEqual({
      source: 'zendesk',
      account: 'acme',
      object: 'ticket',
      id: '35436',
      url: 'https://acme.zendesk.com/agent/tickets/35436',
    })
    expect(t.subject).toBe("Au secours, l'imprimante est en feu ! 🔥")
    expect(t).toMatchObject({
      status: 'solved',
      sourceStatus: 'solved',
      priority: 'high',
      channel: 'web',
      tags: ['enterprise', 'other_tag'],
      createdAt: '2009-07-20T22:55:29.000Z',
      updatedAt: '2011-05-05T10:38:52.000Z',
      solvedAt: '2020-07-20T06:21:26.000Z',
      requesterUpdatedAt: '2020-07-21T01:17:16.000Z',
      firstReplyMinutes: 16,
      fullResolutionMinutes: 95,
      reopens: 2,
      replies: 1,
    })
    expect(t.requester?.id).toBe('20978392')
    expect(t.requester?.url).toBe('https://acme.zendesk.com/agent/users/20978392')
    expect(t.organisation?.url).toBe('https://acme.zendesk.com/agent/organizations/509974')
  })

  it.each([
    ['new', 'open'],
    ['open', 'open'],
    ['pending', 'pending'],
    ['hold', 'on_hold'],
    ['solved', 'solved'],
    ['closed', 'closed'],
    ['deleted', 'deleted'],
  ])('maps status %s to %s and keeps the source status', (source, unified) => {
    const t = map({ ...ticket, status: source })
    expect(t.status).toBe(unified)
    expect(t.sourceStatus).toBe(source)
  })

  it('keeps metrics unknown without a metric set, and nulls where Zendesk sends nulls', () => {
    const t = map({
      ...ticket,
      priority: null,
      organization_id: null,
      requester_id: null,
      subject: null,
      via: null,
      tags: null,
    })
    expect(t).toMatchObject({
      priority: null,
      organisation: null,
      requester: null,
      subject: '{{dc.printer_on_fire}}',
      channel: 'other',
      tags: [],
      solvedAt: null,
      firstReplyMinutes: null,
      fullResolutionMinutes: null,
      reopens: 0,
      replies: null,
    })
  })

  it('treats the 0-minute reply time of an unreplied ticket as unknown', () => {
    const unreplied = {
      ...metricSet,
      replies: 0,
      reply_time_in_minutes: { calendar: 0, business: 0 },
    }
    expect(map(ticket, unreplied).firstReplyMinutes).toBeNull()
  })

  it('has no full resolution time while the ticket is open again', () => {
    expect(map({ ...ticket, status: 'open' }, metricSet).fullResolutionMinutes).toBeNull()
  })

  it('maps voice and messaging channels to the cxlens vocabulary', () => {
    expect(map({ ...ticket, via: { channel: 'voice' } }).channel).toBe('phone')
    expect(map({ ...ticket, via: { channel: 'native_messaging' } }).channel).toBe('messaging')
    expect(map({ ...ticket, via: { channel: 'email' } }).channel).toBe('email')
  })

  it('rejects an unknown status, a missing id or a bad date with a MapError', () => {
    expect(() => map({ ...ticket, status: 'archived' })).toThrow(MapError)
    const { id: _id, ...noId } = ticket
    expect(() => map(noId)).toThrow(MapError)
    expect(() => map({ ...ticket, updated_at: 'yesterday' })).toThrow(MapError)
    expect(() => map({ ...ticket, id: 'not-a-number-7' })).toThrow(MapError)
    expect(() => map(ticket, { ...metricSet, solved_at: 'soon' })).toThrow(MapError)
  })

  it('names the failing field but never the value in the reason', () => {
    try {
      map({ ...ticket, tags: ['ok', { secret: 'jane@x.com' }] })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(MapError)
      expect((error as Error).message).toContain('tags')
      expect((error as Error).message).not.toContain('jane@x.com')
    }
  })
})
