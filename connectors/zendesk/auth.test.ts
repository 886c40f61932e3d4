import { describe, expect, it } from 'vitest'
import { authorizationHeader } from './auth.ts'

describe('authorizationHeader', () => {
  it('encodes an API token as Basic email/token:token', () => {
    const header = authorizationHeader({ kind: 'api_token', email: 'jo@acme.io', token: 'abc' })
    expect(header).toBe('Basic ' + Buffer.from('jo@acme.io/token:abc').toString('base64'))
  })

  it('encodes non-ASCII emails as UTF-8', () => {
    const header = authorizationHeader({ kind: 'api_token', email: 'zoé@acme.fr', token: 't' })
    expect(Buffer.from(header.slice(6), 'base64').toString('utf8')).toBe('zoé@acme.fr/token:t')
  })

  it('sends an OAuth access token as Bearer', () => {
    expect(authorizationHeader({ kind: 'oauth', accessToken: 'tok' })).toBe('Bearer tok')
  })
})
