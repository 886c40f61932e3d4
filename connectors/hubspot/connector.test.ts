import { describe, expect, it } from 'vitest'
import { UnifiedRecord } from '../../core/model/index.ts'
import { createHubSpotConnector } from './connector.ts'
import { createHubSpotSandbox } from './sandbox/app.ts'
import { DEFAULT_AS_OF } from './sandbox/generate.ts'
import { createAppHttpClient, createFakeClock, drainStream } from './testing.ts'

const BASE = 'https://api.hubapi.test'

function setup(options: { lookbackMs?: number } = {}) {
  const clock = createFakeClock(DEFAULT_AS_OF + 86_400_000)
  const sandbox = createHubSpotSandbox({ now: clock.now, searchLagMs: 2_000 })
  const connector = createHubSpotConnector({
    account: sandbox.portalId,
    baseUrl: BASE,
    auth: { kind: 'private_app', token: 'sandbox-token' },
    lookbackMs: options.lookbackMs ?? 60_000,
  })
  // 250 ms per request keeps search under 5/s and the 10 s window under 190, as a budget would.
  const client = createAppHttpClient(sandbox.app, { advance: clock.advance, stepMs: 250 })
  const ctx = { http: client.http, now: clock.now }
  const stream = (name: string) => connector.streams.find((s) => s.name === name)!
  return { clock, sandbox, connector, client, ctx, stream }
}

const ids = (records: UnifiedRecord[], kind: UnifiedRecord['kind']) =>
  records.filter((r) => r.kind === kind)

describe('HubSpot connector against the sandbox', () => {
  it('backfills every stream: every live and archived record, valid unified records', async () => {
    const { sandbox, connector, client, ctx } = setup()
    const truth = sandbox.groundTruth()
    const cursors: Record<string, string> = {}
    for (const stream of connector.streams) {
      const run = await drainStream(stream, null, ctx)
      cursors[stream.name] = run.cursor
      for (const record of run.records) UnifiedRecord.parse(record)
      const refsOf = (r: UnifiedRecord) =>
        'record' in r ? [r.record.ref.id] : r.kind === 'erase' ? [r.ref.id] : []
      const seen = new Set(run.records.flatMap(refsOf))
      const type = stream.name as keyof typeof truth.live
      expect([...seen].sort()).toEqual([...truth.live[type], ...truth.archived[type]].sort())
    }
    expect(JSON.parse(cursors.contacts!)).toMatchObject({ phase: 'incremental', mode: 'forward' })
    // One list page per 100 records (associations inline, no v4 call), pipelines once.
    const stats = client.stats()
    expect(stats.byEndpoint['GET /crm/v3/pipelines/tickets']).toBe(1)
    expect(Object.keys(stats.byEndpoint).filter((e) => e.includes('/crm/v4/'))).toEqual([])
    const pages = (type: keyof typeof truth.live) =>
      Math.max(1, Math.ceil(truth.live[type].length / 100)) +
      Math.max(1, Math.ceil(truth.archived[type].length / 100))
    expect(stats.total).toBe(
      pages('companies') + pages('contacts') + pages('tickets') + pages('feedback_submissions') + 1,
    )
  })

  it('maps associations: tickets to requester and company, feedback to respondent and ticket', async () => {
    const { sandbox, ctx, stream } = setup()
    const truth = sandbox.groundTruth()
    const tickets = (await drainStream(stream('tickets'), null, ctx)).records
    const ticket = tickets.find((r) => r.kind === 'ticket' && r.record.status !== 'deleted')!
    if (ticket.kind !== 'ticket') throw new Error('unreachable')
    expect(ticket.record.requester?.id).toBe(
      truth.associations('tickets', ticket.record.ref.id, 'contacts')[0],
    )
    expect(ticket.record.ref.url).toBe(
      `https://app.hubspot.com/contacts/${sandbox.portalId}/record/0-5/${ticket.record.ref.id}`,
    )
    const answers = (await drainStream(stream('feedback_submissions'), null, ctx)).records
    const csat = answers.find((r) => r.kind === 'survey_response' && r.record.kind === 'csat')!
    if (csat.kind !== 'survey_response') throw new Error('unreachable')
    const id = csat.record.ref.id
    expect(csat.record.ticket?.id).toBe(
      truth.associations('feedback_submissions', id, 'tickets')[0],
    )
    expect(csat.record.respondent?.id).toBe(
      truth.associations('feedback_submissions', id, 'contacts')[0],
    )
    expect(csat.record.scale).toEqual({ min: 0, max: 2 })
  })

  it('maps the portal history: merges, archived tickets, privacy deletion', async () => {
    const { sandbox, ctx, stream } = setup()
    const truth = sandbox.groundTruth()
    const contacts = (await drainStream(stream('contacts'), null, ctx)).records
    const merges = ids(contacts, 'merge').map((m) =>
      m.kind === 'merge' ? [m.from.id, m.into.id] : [],
    )
    expect(merges.sort()).toEqual(truth.merges.map((m) => [m.loser, m.survivor]).sort())
    const erased = ids(contacts, 'erase').map((e) => (e.kind === 'erase' ? e.ref.id : ''))
    expect(erased).toEqual(truth.privacyDeleted)
    const deletedPeople = contacts.filter((r) => r.kind === 'person' && r.record.deleted)
    expect(deletedPeople.map((r) => (r.kind === 'person' ? r.record.ref.id : '')).sort()).toEqual(
      truth.merges.map((m) => m.loser).sort(),
    )
    const tickets = (await drainStream(stream('tickets'), null, ctx)).records
    const deleted = tickets.filter((r) => r.kind === 'ticket' && r.record.status === 'deleted')
    expect(deleted.map((r) => (r.kind === 'ticket' ? r.record.ref.id : '')).sort()).toEqual(
      [...truth.archived.tickets].sort(),
    )
  })

  it('picks up updates, merges and privacy deletions made after the backfill', async () => {
    const { sandbox, clock, ctx, stream } = setup()
    const contacts = stream('contacts')
    let cursor = (await drainStream(contacts, null, ctx)).cursor
    const live = sandbox.groundTruth().live.contacts
    const [a, b, c, d] = [live[10]!, live[20]!, live[30]!, live[40]!]
    sandbox.mutate.update('contacts', a, { firstname: 'Zoé' })
    sandbox.mutate.merge(b, c)
    sandbox.mutate.privacyDelete(d)
    clock.advance(16 * 60_000) // past search lag and the archived sweep interval
    const run = await drainStream(contacts, cursor, ctx)
    cursor = run.cursor
    const person = run.records.find((r) => r.kind === 'person' && r.record.ref.id === a)
    expect(person?.kind === 'person' && person.record.name?.startsWith('Zoé')).toBe(true)
    expect(run.records).toContainEqual(
      expect.objectContaining({
        kind: 'merge',
        from: expect.objectContaining({ id: c }),
        into: expect.objectContaining({ id: b }),
      }),
    )
    expect(run.records).toContainEqual(
      expect.objectContaining({ kind: 'erase', ref: expect.objectContaining({ id: d }) }),
    )
    const loser = run.records.find((r) => r.kind === 'person' && r.record.ref.id === c)
    expect(loser?.kind === 'person' && loser.record.deleted).toBe(true)
  })

  it('gets every one of 25,000 contacts imported with ONE modification timestamp', async () => {
    const { sandbox, clock, ctx, client, stream } = setup()
    const contacts = stream('contacts')
    const backfill = await drainStream(contacts, null, ctx)
    clock.advance(20 * 60_000) // the sweep after backfill is behind us
    const imported = sandbox.mutate.bulkImport(25_000)
    clock.advance(5_000) // search has indexed the import
    const before = client.stats().byEndpoint['POST /crm/v3/objects/contacts/search'] ?? 0
    const run = await drainStream(contacts, backfill.cursor, ctx)
    const seen = new Set(run.records.flatMap((r) => (r.kind === 'person' ? [r.record.ref.id] : [])))
    const missing = imported.filter((id) => !seen.has(id))
    expect(missing).toEqual([])
    const searches =
      (client.stats().byEndpoint['POST /crm/v3/objects/contacts/search'] ?? 0) - before
    // 125 pages of 200 by id at the shared time, plus a handful of forward queries.
    expect(searches).toBeLessThanOrEqual(125 + 5)
  }, 60_000)

  it('reads the associations of up to 1,000 changed records in one v4 batch per type', async () => {
    const { sandbox, clock, ctx, client, stream } = setup()
    const tickets = stream('tickets')
    const backfill = await drainStream(tickets, null, ctx)
    const live = sandbox.groundTruth().live.tickets
    expect(live.length).toBeGreaterThan(200) // more than one search page
    for (const id of live) sandbox.mutate.update('tickets', id, { hs_ticket_priority: 'HIGH' })
    clock.advance(5_000) // search has indexed the updates
    const v4 = () =>
      Object.entries(client.stats().byEndpoint)
        .filter(([endpoint]) => endpoint.includes('/crm/v4/associations/tickets/'))
        .map(([endpoint, n]) => [endpoint, n] as const)
    const before = new Map(v4())
    const run = await drainStream(tickets, backfill.cursor, ctx)
    expect(v4().map(([e, n]) => [e, n - (before.get(e) ?? 0)])).toEqual([
      ['POST /crm/v4/associations/tickets/contacts/batch/read', 1],
      ['POST /crm/v4/associations/tickets/companies/batch/read', 1],
    ])
    const truth = sandbox.groundTruth()
    for (const id of live) {
      const record = run.records.find((r) => r.kind === 'ticket' && r.record.ref.id === id)
      if (record?.kind !== 'ticket') throw new Error(`ticket ${id} not read`)
      expect(record.record.requester?.id ?? null).toBe(
        truth.associations('tickets', id, 'contacts')[0] ?? null,
      )
    }
  })

  it('pages a search chain without reading a page boundary record twice', async () => {
    const { sandbox, clock, ctx, client, stream } = setup()
    const contacts = stream('contacts')
    const backfill = await drainStream(contacts, null, ctx)
    clock.advance(20 * 60_000)
    const changed: string[] = []
    for (let i = 0; i < 400; i++) {
      changed.push(sandbox.mutate.createContact({ email: `new.${i}@example.com` }))
      clock.advance(1) // one modification time each
    }
    clock.advance(5_000)
    const searches = () => client.stats().byEndpoint['POST /crm/v3/objects/contacts/search'] ?? 0
    const before = searches()
    const run = await drainStream(contacts, backfill.cursor, ctx)
    const read = run.records.filter((r) => r.kind === 'person' && !r.record.deleted)
    expect(new Set(read.map((r) => 'record' in r && r.record.ref.id))).toEqual(new Set(changed))
    expect(read.length).toBe(changed.length)
    expect(searches() - before).toBe(changed.length / 200)
  })

  it('puts a contact without associatedcompanyid at its primary company association', async () => {
    const { sandbox, clock, ctx, stream } = setup()
    const truth = sandbox.groundTruth()
    const fallback = truth.live.contacts.filter(
      (id) =>
        !truth.record('contacts', id)?.properties.associatedcompanyid &&
        truth.associations('contacts', id, 'companies').length > 0,
    )
    expect(fallback.length).toBeGreaterThan(0)
    const organisationOf = (records: UnifiedRecord[], id: string) => {
      const person = records.find((r) => r.kind === 'person' && r.record.ref.id === id)
      return person?.kind === 'person' ? (person.record.organisation?.id ?? null) : 'not read'
    }
    const contacts = stream('contacts')
    const backfill = await drainStream(contacts, null, ctx) // list pages: inline associations
    for (const id of fallback)
      expect(organisationOf(backfill.records, id)).toBe(
        truth.associations('contacts', id, 'companies')[0],
      )
    clock.advance(20 * 60_000)
    sandbox.mutate.update('contacts', fallback[0]!, { firstname: 'Moved' })
    clock.advance(5_000)
    const poll = await drainStream(contacts, backfill.cursor, ctx) // search: v4 batch read
    expect(organisationOf(poll.records, fallback[0]!)).toBe(
      truth.associations('contacts', fallback[0]!, 'companies')[0],
    )
  })

  it('a lagging search index is covered by the next poll', async () => {
    const { sandbox, clock, ctx, stream } = setup({ lookbackMs: 60_000 })
    const contacts = stream('contacts')
    let cursor = (await drainStream(contacts, null, ctx)).cursor
    clock.advance(20 * 60_000)
    cursor = (await drainStream(contacts, cursor, ctx)).cursor
    const id = sandbox.mutate.createContact({ email: 'late@example.com', firstname: 'Late' })
    const first = await drainStream(contacts, cursor, ctx) // runs before the 2 s lag passes
    expect(first.records.some((r) => r.kind === 'person' && r.record.ref.id === id)).toBe(false)
    clock.advance(10_000)
    const second = await drainStream(contacts, first.cursor, ctx)
    expect(second.records.some((r) => r.kind === 'person' && r.record.ref.id === id)).toBe(true)
  })
})
