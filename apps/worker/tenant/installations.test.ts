import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { tenantStub } from './client.ts'

const encoder = new TextEncoder()
async function mac(secret: string, message: Uint8Array<ArrayBuffer>) {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, message))
}

describe('Tenant.verifyInstallationMac', () => {
  it('checks a MAC with the sealed installation secret, or the app secret, and returns no secret', async () => {
    const tenantId = `t${'v'.repeat(20)}`
    const tenant = tenantStub(env, tenantId)
    await tenant.init(tenantId, 'Verifier')
    const own = 'zendesk-shared-secret-0123456789'
    await tenant.putInstallation('zendesk', 'acme', own)
    await tenant.putInstallation('hubspot', '4242', null)
    const message = encoder.encode('header.payload')

    expect(
      await tenant.verifyInstallationMac('zendesk', 'acme', message, await mac(own, message)),
    ).toBe(true)
    const forged = await mac('another-secret-0123456789', message)
    expect(await tenant.verifyInstallationMac('zendesk', 'acme', message, forged)).toBe(false)
    // Another installation's secret does not open for this one.
    expect(
      await tenant.verifyInstallationMac('zendesk', 'other', message, await mac(own, message)),
    ).toBe(false)
    // A portal installed without its own secret is signed with the marketplace app's.
    const app = await mac(env.HUBSPOT_CLIENT_SECRET!, message)
    expect(await tenant.verifyInstallationMac('hubspot', '4242', message, app)).toBe(true)
    expect(await tenant.verifyInstallationMac('hubspot', '9999', message, app)).toBe(false)
    // What the object answers about installations carries no secret.
    expect(JSON.stringify(await tenant.listInstallations())).not.toContain(own)
  })
})
