import { describe, expect, it } from 'vitest'
import { createHubSpotSandbox } from './app.ts'
import { DEFAULT_AS_OF } from './generate.ts'
import { generatePeople } from './people.ts'

const headers = { authorization: 'Bearer sandbox-token', 'content-type': 'application/json' }

function make(options: Parameters<typeof createHubSpotSandbox>[0] = {}) {
  let now = DEFAULT_AS_OF + 86_400_000
  const sandbox = createHubSpotSandbox({ now: () => now, ...options })
  const get = (path: string, h: Record<string, string> = headers) =>
    sandbox.app.request(path, { headers: h })
  const post = (path: string, body: unknown) =>
    sandbox.app.request(path, { method: 'POST', headers, body: JSON.stringify(body) })
  return { sandbox, get, post, advance: (ms: number) => void (now += ms) }
}

const searchAll = (after?: string, limit = 200) => ({
  filterGroups: [{ filters: [{ propertyName: 'lastmodifieddate', operator: 'GTE', value: '0' }] }],
  sorts: [{ propertyName: 'lastmodifieddate', direction: 'ASCENDING' }],
  limit,
  ...(after !== undefined ? { after } : {}),
})

describe('HubSpot sandbox', () => {
  it('filters with NOT_IN and refuses more than 100 values in a filter', async () => {
    const { post } = make()
    const notIn = (values: string[]) => ({
      filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'NOT_IN', values }] }],
      limit: 200,
    })
    const all = (await (await post('/crm/v3/objects/contacts/search', notIn([]))).json()) as {
      total: number
    }
    const some = (await (
      await post('/crm/v3/objects/contacts/search', notIn(['1001', '1002']))
    ).json()) as { total: number }
    expect(some.total).toBe(all.total - 2)
    const many = Array.from({ length: 101 }, (_, i) => String(1001 + i))
    expect((await post('/crm/v3/objects/contacts/search', notIn(many))).status).toBe(400)
  })

  it('reads up to 1,000 association inputs per v4 batch and refuses more', async () => {
    const { post, sandbox } = make()
    const tickets = sandbox.groundTruth().live.tickets
    // Real ids first, then ids of no record (answered in `errors`), up to n.
    const inputs = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: tickets[i] ?? String(900_000 + i) }))
    const path = '/crm/v4/associations/tickets/contacts/batch/read'
    const full = await post(path, { inputs: inputs(1000) })
    expect([200, 207]).toContain(full.status)
    const answered = (await full.json()) as { results: unknown[]; errors?: unknown[] }
    expect(answered.results.length + (answered.errors?.length ?? 0)).toBe(1000)
    expect((await post(path, { inputs: [...inputs(1000), { id: '1' }] })).status).toBe(400)
  })

  it('is deterministic for a seed and follows the shared people', () => {
    const a = make().sandbox.groundTruth()
    const b = make().sandbox.groundTruth()
    expect(a.live).toEqual(b.live)
    expect(a.people.slice(0, 160)).toEqual(generatePeople(42, 160))
    const people = generatePeople(1, 5)
    const joined = make({ people, hubspotOnly: 2 }).sandbox.groundTruth()
    expect(joined.people.map((p) => p.key)).toEqual([
      'p0001',
      'p0002',
      'p0003',
      'p0004',
      'p0005',
      'h0001',
      'h0002',
    ])
  })

  it('writes the shared emails with other case and spacing, some only in HubSpot', async () => {
    const { get, sandbox } = make()
    const truth = sandbox.groundTruth()
    const body = (await (
      await get('/crm/v3/objects/contacts?limit=100&properties=email,hs_additional_emails')
    ).json()) as {
      results: { id: string; properties: Record<string, string | null> }[]
    }
    const variants = body.results.filter((c) => {
      const person = truth.people.find((p) => p.key === truth.personOfContact.get(c.id))
      const email = c.properties.email ?? ''
      return person && email !== person.email && email.trim().toLowerCase() === person.email
    })
    expect(variants.length).toBeGreaterThan(10)
    expect(
      body.results.some(
        (c) =>
          (c.properties.hs_additional_emails ?? '').includes(';') ||
          c.properties.hs_additional_emails,
      ),
    ).toBe(true)
  })

  it('rejects a missing or wrong token with 401', async () => {
    const { get } = make()
    expect((await get('/crm/v3/objects/contacts', {})).status).toBe(401)
    expect((await get('/crm/v3/objects/contacts', { authorization: 'Bearer nope' })).status).toBe(
      401,
    )
  })

  it('search: limit ≤ 200, one sort, and the 10,000 cap answers 400', async () => {
    const { post } = make()
    expect((await post('/crm/v3/objects/contacts/search', searchAll(undefined, 201))).status).toBe(
      400,
    )
    expect(
      (await post('/crm/v3/objects/contacts/search', { ...searchAll(), sorts: ['a', 'b'] })).status,
    ).toBe(400)
    const capped = await post('/crm/v3/objects/contacts/search', searchAll('10000'))
    expect(capped.status).toBe(400)
    const ok = (await (
      await post('/crm/v3/objects/contacts/search', searchAll(undefined, 50))
    ).json()) as {
      total: number
      paging: { next: { after: string } }
    }
    expect(ok.paging.next.after).toBe('50')
  })

  it('search lags writes; list sees them at once', async () => {
    const { sandbox, post, get, advance } = make({ searchLagMs: 3_000 })
    const id = sandbox.mutate.createContact({ email: 'new@example.com' })
    const filter = {
      filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator: 'EQ', value: id }] }],
    }
    expect(
      ((await (await post('/crm/v3/objects/contacts/search', filter)).json()) as { total: number })
        .total,
    ).toBe(0)
    expect((await get(`/crm/v3/objects/contacts/${id}`)).status).toBe(200)
    advance(3_000)
    expect(
      ((await (await post('/crm/v3/objects/contacts/search', filter)).json()) as { total: number })
        .total,
    ).toBe(1)
  })

  it('rate limits: 429 with policyName, X-HubSpot-RateLimit headers, Retry-After only sometimes', async () => {
    const { get, advance } = make({ limits: { tenSecondly: 3, retryAfter: 'alternate' } })
    const first = await get('/crm/v3/objects/companies')
    expect(first.headers.get('x-hubspot-ratelimit-max')).toBe('3')
    expect(first.headers.get('x-hubspot-ratelimit-remaining')).toBe('2')
    await get('/crm/v3/objects/companies')
    await get('/crm/v3/objects/companies')
    const limited = [await get('/crm/v3/objects/companies'), await get('/crm/v3/objects/companies')]
    expect(limited.map((r) => r.status)).toEqual([429, 429])
    expect(await limited[0]!.json()).toMatchObject({
      policyName: 'TEN_SECONDLY_ROLLING',
      errorType: 'RATE_LIMIT',
    })
    expect(limited.map((r) => r.headers.has('retry-after'))).toEqual([true, false])
    advance(10_001)
    expect((await get('/crm/v3/objects/companies')).status).toBe(200)
  })

  it('search has its own per-second limit', async () => {
    const { post } = make({ limits: { searchPerSecond: 2 } })
    const statuses = []
    for (let i = 0; i < 3; i++)
      statuses.push((await post('/crm/v3/objects/tickets/search', {})).status)
    expect(statuses).toEqual([200, 200, 429])
  })

  it('faults: forced failures come first, then service resumes', async () => {
    const { sandbox, get } = make()
    sandbox.mutate.failNext(503, 500)
    expect((await get('/crm/v3/objects/companies')).status).toBe(503)
    expect((await get('/crm/v3/objects/companies')).status).toBe(500)
    expect((await get('/crm/v3/objects/companies')).status).toBe(200)
  })

  it("merge keeps the loser's address as a secondary email of the survivor", () => {
    const { sandbox } = make()
    const truth = sandbox.groundTruth()
    const [survivor, loser] = [truth.live.contacts[1]!, truth.live.contacts[2]!]
    const loserEmail = truth.record('contacts', loser)!.properties.email!.trim()
    const before = truth.record('contacts', survivor)!.properties.hs_additional_emails
    sandbox.mutate.merge(survivor, loser)
    const after = sandbox.groundTruth().record('contacts', survivor)!.properties
    const secondary = (after.hs_additional_emails ?? '').split(';')
    expect(secondary).toContain(loserEmail)
    for (const kept of (before ?? '').split(';').filter(Boolean)) expect(secondary).toContain(kept)
    expect(secondary.filter((e) => e.toLowerCase() === after.email!.trim().toLowerCase())).toEqual(
      [],
    )
  })

  it('merge archives the loser and lists it on the survivor; bulk import shares one timestamp', async () => {
    const { sandbox, get } = make()
    const [survivor, loser] = sandbox.groundTruth().live.contacts
    sandbox.mutate.merge(survivor!, loser!)
    const s = (await (
      await get(`/crm/v3/objects/contacts/${survivor}?properties=hs_merged_object_ids`)
    ).json()) as {
      properties: Record<string, string>
    }
    expect(s.properties.hs_merged_object_ids?.split(';')).toContain(loser)
    expect((await get(`/crm/v3/objects/contacts/${loser}?archived=true`)).status).toBe(200)
    const ids = sandbox.mutate.bulkImport(3)
    const stamps = ids.map(
      (id) => sandbox.groundTruth().record('contacts', id)!.properties.lastmodifieddate,
    )
    expect(new Set(stamps).size).toBe(1)
  })
})
