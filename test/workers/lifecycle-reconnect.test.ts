import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import {
  AUTH_FAILURES_BEFORE_RECONNECT,
  credentialVerdict,
  lifecycleOf,
  markNeedsReconnect,
  noteCredentialVerdict,
} from '../../apps/worker/tenant/lifecycle-state.ts'
import { addZendeskConnection, admin, createTenant } from './http.ts'
import { inObject } from './lifecycle-helpers.ts'
import { install } from './outbound.ts'

// Every vendor call answers 401 here, as a vendor does once the app was uninstalled there.
beforeAll(() => install())

describe('needs_reconnect', () => {
  it('shows on the connection after its calls get 401 slice after slice, with what to do', async () => {
    const { tenantId } = await createTenant('Reconnect')
    const connection = (await addZendeskConnection(tenantId)).json as { id: string }
    const path = `/admin/tenants/${tenantId}/connections/${connection.id}`
    for (let slice = 0; slice < AUTH_FAILURES_BEFORE_RECONNECT + 1; slice++) {
      await admin('POST', `${path}/sync`)
      await runDurableObjectAlarm(tenantStub(env, tenantId))
    }
    const state = await admin('GET', path)
    const lifecycle = (state.json as { lifecycle: { state: string; reason: string } }).lifecycle
    expect(lifecycle.state).toBe('needs_reconnect')
    expect(lifecycle.reason).toMatch(/Zendesk refuses .*connect the account again/)
    expect((await admin('GET', `${path}/lifecycle`)).json).toMatchObject({
      state: 'needs_reconnect',
    })
  })

  it('counts refusals in a row, turns at once on invalid_grant, clears on an accepted slice', async () => {
    const { tenantId } = await createTenant('Reconnect rules')
    const connection = (await addZendeskConnection(tenantId)).json as { id: string }
    await inObject(tenantId, (instance) => {
      const { sql } = instance.store
      const id = connection.id
      for (let i = 1; i < AUTH_FAILURES_BEFORE_RECONNECT; i++) {
        noteCredentialVerdict(sql, id, 'refused', Date.now(), 'zendesk')
      }
      noteCredentialVerdict(sql, id, 'accepted', Date.now(), 'zendesk')
      noteCredentialVerdict(sql, id, 'refused', Date.now(), 'zendesk')
      // The accepted slice broke the run of refusals.
      expect(lifecycleOf(sql, id).state).toBe('active')
      noteCredentialVerdict(sql, id, 'invalid_grant', Date.now(), 'hubspot')
      expect(lifecycleOf(sql, id)).toMatchObject({ state: 'needs_reconnect' })
      expect(lifecycleOf(sql, id).reason).toContain('HubSpot')
      noteCredentialVerdict(sql, id, 'accepted', Date.now(), 'zendesk')
      expect(lifecycleOf(sql, id).state).toBe('active')
      // The token session's entry point.
      markNeedsReconnect(sql, id, 'refresh answered invalid_grant: connect again', Date.now())
      expect(lifecycleOf(sql, id).reason).toBe('refresh answered invalid_grant: connect again')
    })
  })

  it('reads a slice’s errors: 401s refuse, invalid_grant revokes, anything else says nothing', () => {
    expect(credentialVerdict(['tickets: HttpError: GET /x answered 401: nope'], 1)).toBe('refused')
    expect(credentialVerdict(['OAuthError: invalid_grant at zendesk POST /oauth/tokens'], 0)).toBe(
      'invalid_grant',
    )
    expect(credentialVerdict(['a: answered 401', 'b: answered 500'], 2)).toBe('unknown')
    expect(credentialVerdict([], 3)).toBe('accepted')
    expect(credentialVerdict([], 0)).toBe('unknown')
  })
})
