import { env } from 'cloudflare:workers'
import { sign } from 'hono/jwt'
import { describe, expect, it } from 'vitest'
import { tenantStub } from './client.ts'

const encoder = new TextEncoder()
async function hmacBase64(secret: string, message: Uint8Array<ArrayBuffer>) {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  return btoa(
    String.fromCharCode(...new Uint8Array(await crypto.subtle.sign('HMAC', key, message))),
  )
}

/** A HubSpot v3 signature over method + URL + body + timestamp, made here with WebCrypto. */
async function cardRequest(secret: string) {
  const timestamp = String(Date.now())
  const request = {
    method: 'GET',
    url: 'https://cxlens.test/v1/customers/lookup?portalId=4242',
    body: new Uint8Array(0),
  }
  const signature = await hmacBase64(
    secret,
    encoder.encode(request.method + request.url + timestamp),
  )
  return { signature: { version: 'v3' as const, signature, timestamp }, request }
}

describe('Tenant.verifyInstallationSignature', () => {
  it('checks a signature with the sealed installation secret, or the app secret, and returns no secret', async () => {
    const tenantId = `t${'v'.repeat(20)}`
    const tenant = tenantStub(env, tenantId)
    await tenant.init(tenantId, 'Verifier')
    const own = 'zendesk-shared-secret-0123456789'
    await tenant.putInstallation('zendesk', 'acme', own)
    await tenant.putInstallation('hubspot', '4242', null)
    const claims = { iss: 'acme', aud: 'cxlens', exp: Math.floor(Date.now() / 1000) + 60 }

    const token = await sign(claims, own, 'HS256')
    const zendesk = (externalId: string, token: string) =>
      tenant.verifyInstallationSignature({ platform: 'zendesk', externalId, token })
    expect(await zendesk('acme', token)).toBe(true)
    expect(await zendesk('acme', await sign(claims, 'another-secret-0123456789', 'HS256'))).toBe(
      false,
    )
    // Another installation's secret does not open for this one.
    expect(await zendesk('other', token)).toBe(false)
    // A portal installed without its own secret is signed with the marketplace app's.
    const app = await cardRequest(env.HUBSPOT_CLIENT_SECRET!)
    const hubspot = (externalId: string, signed: typeof app) =>
      tenant.verifyInstallationSignature({ platform: 'hubspot', externalId, ...signed })
    expect(await hubspot('4242', app)).toBe(true)
    expect(await hubspot('9999', app)).toBe(false)
    expect(await hubspot('4242', await cardRequest('not-the-app-secret-0123456789'))).toBe(false)
    // What the object answers about installations carries no secret.
    expect(JSON.stringify(await tenant.listInstallations())).not.toContain(own)
  })
})
