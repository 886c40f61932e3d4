import { describe, expect, it } from 'vitest'
import { signToken, verifyToken } from './session.ts'

const KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='
const OTHER = 'HxwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgEAAAA='

describe('signed tokens', () => {
  it('round-trips a payload of its purpose until it expires', async () => {
    const token = await signToken(KEY, 'tenant_link', { tenantId: 't1' }, 60_000, 1_000)
    expect(await verifyToken(KEY, 'tenant_link', token, 2_000)).toEqual({
      ok: true,
      data: { tenantId: 't1' },
      expiresAt: 61_000,
    })
    expect(await verifyToken(KEY, 'tenant_link', token, 61_000)).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('refuses another purpose, another key, a changed payload and garbage', async () => {
    const token = await signToken(KEY, 'oauth_state', { id: 'a' }, 60_000)
    expect(await verifyToken(KEY, 'connect_session', token)).toEqual({
      ok: false,
      reason: 'wrong_purpose',
    })
    expect((await verifyToken(OTHER, 'oauth_state', token)).ok).toBe(false)
    const [body, mac] = token.split('.') as [string, string]
    const changed = btoa(atob(body.replace(/-/g, '+').replace(/_/g, '/')).replace('"a"', '"b"'))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '')
    expect(await verifyToken(KEY, 'oauth_state', `${changed}.${mac}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    for (const bad of ['', 'x', 'a.b.c', `${body}.%%%`]) {
      expect((await verifyToken(KEY, 'oauth_state', bad)).ok).toBe(false)
    }
  })
})
