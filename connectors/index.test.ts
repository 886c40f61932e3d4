import { describe, expect, it } from 'vitest'
import {
  authSchemaFor,
  ConnectionInput,
  connectorFor,
  LOOKUP_REFS,
  refreshTimingOf,
  resolveAccount,
  VENDOR_NAMES,
} from './index.ts'

describe('the connectors registry', () => {
  it('knows each vendor once', () => {
    expect(VENDOR_NAMES).toEqual(['zendesk', 'hubspot'])
    expect(LOOKUP_REFS).toEqual({
      zendesk_user: { source: 'zendesk', object: 'user', by: 'person' },
      zendesk_ticket: { source: 'zendesk', object: 'ticket', by: 'ticket' },
      hubspot_contact: { source: 'hubspot', object: 'contact', by: 'person' },
      hubspot_ticket: { source: 'hubspot', object: 'ticket', by: 'ticket' },
    })
    expect(refreshTimingOf('zendesk')).toEqual({ visibleAfterMs: 60_000, windowMs: 30_000 })
    expect(refreshTimingOf('hubspot')).toEqual({ visibleAfterMs: 5_000, windowMs: 10_000 })
  })

  it('parses a connection by its source and resolves its account', () => {
    const zendesk = ConnectionInput.parse({
      source: 'zendesk',
      subdomain: 'Acme',
      auth: { kind: 'api_token', email: 'a@acme.test', token: 't' },
    })
    expect(resolveAccount(zendesk)).toEqual({
      account: 'acme',
      baseUrl: 'https://acme.zendesk.com',
    })
    const hubspot = ConnectionInput.parse({
      source: 'hubspot',
      portalId: '42',
      auth: { kind: 'private_app', token: 'pat' },
    })
    expect(resolveAccount(hubspot)).toEqual({ account: '42', baseUrl: 'https://api.hubapi.com' })
    // Each vendor's auth is its own: a HubSpot token does not connect Zendesk.
    expect(
      ConnectionInput.safeParse({
        source: 'zendesk',
        subdomain: 'acme',
        auth: { kind: 'private_app', token: 'pat' },
      }).success,
    ).toBe(false)
    expect(authSchemaFor('hubspot').safeParse({ kind: 'private_app', token: 'x' }).success).toBe(
      true,
    )
    expect(() => authSchemaFor('import')).toThrow(/import/)
  })

  it('builds the connector of a stored connection with its limits, or names what is wrong', () => {
    const zendesk = connectorFor('zendesk', {
      id: 'c1',
      account: 'acme',
      baseUrl: 'https://acme.zendesk.com',
      auth: { kind: 'oauth', accessToken: 'tok' },
      limits: { accountPerMinute: 200 },
    })
    expect(zendesk.rateBuckets).toContainEqual({ name: 'account', limit: 200, windowMs: 60_000 })
    expect(zendesk.classifyRateLimit).toBeUndefined()
    const hubspot = connectorFor('hubspot', {
      id: 'c2',
      account: '42',
      baseUrl: 'https://api.hubapi.com',
      auth: { kind: 'private_app', token: 'pat' },
    })
    expect(hubspot.rateBuckets[0]).toEqual({ name: 'account', limit: 190, windowMs: 10_000 })
    expect(hubspot.classifyRateLimit).toBeTypeOf('function')
    expect(() =>
      connectorFor('hubspot', {
        id: 'c3',
        account: '42',
        baseUrl: 'x',
        auth: { kind: 'api_token' },
      }),
    ).toThrow(/connection c3/)
    expect(() =>
      connectorFor('import', { id: 'c4', account: 'a', baseUrl: 'x', auth: {} }),
    ).toThrow(/source import/)
  })
})
