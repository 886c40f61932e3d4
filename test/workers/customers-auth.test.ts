import { beforeAll, describe, expect, it } from 'vitest'
import { call, createTenant } from './http.ts'
import { install } from './outbound.ts'

beforeAll(install)

describe('/v1/customers credentials', () => {
  it('needs a credential', async () => {
    const res = await call('GET', '/v1/customers/cus_abc')
    expect(res.status).toBe(401)
    expect(res.type).toBe('application/problem+json')
  })

  it('refuses a wrong secret, an unknown tenant and a malformed key alike', async () => {
    const { tenantId, apiKey } = await createTenant()
    const wrongSecret = apiKey.slice(0, -3) + (apiKey.endsWith('AAA') ? 'BBB' : 'AAA')
    const unknownTenant = apiKey.replace(tenantId, 't0000000000000000000a')
    for (const token of [wrongSecret, unknownTenant, 'cxl_nope', 'cxl_' + tenantId]) {
      const res = await call('GET', '/v1/customers/cus_abc', { token })
      expect(res.status, token).toBe(401)
      expect(res.json?.detail).toBe('Invalid API key')
    }
  })

  it('refuses the admin token', async () => {
    const res = await call('GET', '/v1/customers/cus_abc', {
      token: 'test-admin-token-0123456789abcdef',
    })
    expect(res.status).toBe(401)
  })

  it('validates the lookup: exactly one key, well-formed', async () => {
    const { apiKey } = await createTenant()
    const none = await call('GET', '/v1/customers/lookup', { token: apiKey })
    expect(none.status).toBe(400)
    expect(none.json?.errors).toEqual([expect.objectContaining({ field: 'query.key' })])
    const two = await call('GET', '/v1/customers/lookup?email=a@b.fr&zendesk_user_id=1', {
      token: apiKey,
    })
    expect(two.status).toBe(400)
    const badId = await call('GET', '/v1/customers/lookup?zendesk_user_id=abc', { token: apiKey })
    expect(badId.status).toBe(400)
    expect(badId.json?.errors).toEqual([
      expect.objectContaining({ field: 'query.zendesk_user_id' }),
    ])
    const badEmail = await call('GET', '/v1/customers/lookup?email=nope', { token: apiKey })
    expect(badEmail.json?.errors).toEqual([expect.objectContaining({ field: 'query.email' })])
  })

  it('answers 400 for a malformed customer id and 404 for an unknown one', async () => {
    const { apiKey } = await createTenant()
    const malformed = await call('GET', '/v1/customers/CUS!', { token: apiKey })
    expect(malformed.status).toBe(400)
    expect(malformed.json?.errors).toEqual([expect.objectContaining({ field: 'path.id' })])
    const unknown = await call('GET', '/v1/customers/cus_zzz', { token: apiKey })
    expect(unknown.status).toBe(404)
    const lookup = await call('GET', '/v1/customers/lookup?email=nobody@example.com', {
      token: apiKey,
    })
    expect(lookup.status).toBe(404)
  })
})
