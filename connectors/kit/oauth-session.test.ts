import { describe, expect, it } from 'vitest'
import { createOAuthSession, withBearer } from './oauth-session.ts'
import { OAuthError, type OAuthTokens } from './oauth-tokens.ts'

const T0 = 1_700_000_000_000

function harness(expiresInMs = 30 * 60_000) {
  let now = T0
  let serial = 0
  const log: string[] = []
  const issue = (): OAuthTokens => {
    serial++
    return {
      accessToken: `at-${serial}`,
      refreshToken: `rt-${serial}`,
      expiresAt: now + expiresInMs,
      scopes: ['read'],
    }
  }
  const first = issue()
  let release: (() => void) | null = null
  let failWith: OAuthError | null = null
  let gate = false
  const session = createOAuthSession({
    tokens: first,
    now: () => now,
    refresh: async (current) => {
      log.push(`refresh ${current.refreshToken}`)
      if (gate) await new Promise<void>((resolve) => (release = resolve))
      if (failWith) throw failWith
      return issue()
    },
    persistTokens: async (tokens) =>
      void log.push(`persist ${tokens.accessToken}/${tokens.refreshToken}`),
  })
  return {
    session,
    log,
    advance: (ms: number) => void (now += ms),
    hold: () => void (gate = true),
    release: () => release?.(),
    fail: (error: OAuthError) => void (failWith = error),
  }
}

describe('createOAuthSession', () => {
  it('hands out the token until the margin, then refreshes once and persists before use', async () => {
    const h = harness()
    expect(await h.session.accessToken()).toBe('at-1')
    h.advance(28 * 60_000 + 1)
    expect(await h.session.accessToken()).toBe('at-2')
    expect(h.log).toEqual(['refresh rt-1', 'persist at-2/rt-2'])
    expect(await h.session.accessToken()).toBe('at-2')
    expect(h.log).toHaveLength(2)
  })

  it('is single-flight: concurrent callers share one refresh (a rotated pair is never refreshed twice)', async () => {
    const h = harness()
    h.advance(30 * 60_000)
    h.hold()
    const waiting = [
      h.session.accessToken(),
      h.session.accessToken(),
      h.session.afterUnauthorized('at-1'),
    ]
    await Promise.resolve()
    h.release()
    expect(await Promise.all(waiting)).toEqual(['at-2', 'at-2', 'at-2'])
    expect(h.log.filter((l) => l.startsWith('refresh'))).toEqual(['refresh rt-1'])
  })

  it('after a 401 refreshes only if nobody already did', async () => {
    const h = harness()
    expect(await h.session.afterUnauthorized('at-1')).toBe('at-2')
    // A late 401 for the old token: the new one is already there.
    expect(await h.session.afterUnauthorized('at-1')).toBe('at-2')
    expect(h.log.filter((l) => l.startsWith('refresh'))).toHaveLength(1)
  })

  it('keeps the margin below half the lifetime of short tokens', async () => {
    const h = harness(60_000)
    expect(await h.session.accessToken()).toBe('at-1')
    h.advance(29_000)
    expect(await h.session.accessToken()).toBe('at-1')
    h.advance(2_000)
    expect(await h.session.accessToken()).toBe('at-2')
  })

  it('a dead grant fails once at the vendor, then fast, and says it needs a reconnect', async () => {
    const h = harness()
    h.fail(new OAuthError('invalid_grant', 'test', 400))
    h.advance(31 * 60_000)
    await expect(h.session.accessToken()).rejects.toMatchObject({
      code: 'invalid_grant',
      needsReconnect: true,
    })
    await expect(h.session.accessToken()).rejects.toMatchObject({ code: 'invalid_grant' })
    expect(h.log.filter((l) => l.startsWith('refresh'))).toHaveLength(1)
    expect(h.session.failure?.code).toBe('invalid_grant')
  })

  it('a network failure does not kill the session', async () => {
    const h = harness()
    h.fail(new OAuthError('network', 'test', null))
    h.advance(31 * 60_000)
    await expect(h.session.accessToken()).rejects.toMatchObject({ code: 'network' })
    expect(h.session.failure).toBeNull()
  })

  it('does not hand out a refreshed token whose persist failed, and saves it again first', async () => {
    let failPersist = true
    const saved: string[] = []
    let serial = 1
    const session = createOAuthSession({
      tokens: { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: T0, scopes: [] },
      now: () => T0,
      refresh: async () => {
        serial++
        return {
          accessToken: `at-${serial}`,
          refreshToken: `rt-${serial}`,
          expiresAt: T0 + 3_600_000,
          scopes: [],
        }
      },
      persistTokens: async (tokens) => {
        if (failPersist) throw new Error('storage down')
        saved.push(tokens.refreshToken!)
      },
    })
    await expect(session.accessToken()).rejects.toThrow('storage down')
    failPersist = false
    // The rotated pair (rt-2) is saved, not refreshed again: rt-1 is already dead at the vendor.
    expect(await session.accessToken()).toBe('at-2')
    expect(saved).toEqual(['rt-2'])
  })

  it('withBearer retries once with the refreshed token after a 401', async () => {
    const h = harness()
    const seen: string[] = []
    const result = await withBearer(h.session, async (authorization) => {
      seen.push(authorization)
      if (authorization === 'Bearer at-1') throw Object.assign(new Error('401'), { status: 401 })
      return 'ok'
    })
    expect(result).toBe('ok')
    expect(seen).toEqual(['Bearer at-1', 'Bearer at-2'])
  })
})
