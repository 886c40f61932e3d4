import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { accountKey, Directory } from '../directory/directory.ts'
import { badRequest, notFound, ProblemError, unauthorized } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import type { SignedHubspotDelivery } from '../tenant/webhooks.ts'
import type { WebhookReceipt } from '../webhooks/events.ts'
import { HubspotDelivery, HubspotEvent, hubspotEvents } from '../webhooks/hubspot-events.ts'
import { zendeskEvents } from '../webhooks/zendesk-events.ts'

/** Zendesk sends one event per request, HubSpot up to 100: 1 MiB leaves room for both. */
const MAX_BYTES = 1024 * 1024
const limit = bodyLimit({
  maxSize: MAX_BYTES,
  onError: () => {
    throw new ProblemError(413, `The body is larger than ${MAX_BYTES} bytes`)
  },
})

const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/
/** The headers a HubSpot signature check reads [ref: HubSpot "Validating requests"]. */
const HUBSPOT_SIGNATURE_HEADERS = [
  'x-hubspot-signature-v3',
  'x-hubspot-request-timestamp',
  'x-hubspot-signature',
  'x-hubspot-signature-version',
]

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw badRequest('The body is not JSON')
  }
}

/** The tenant the directory routes a vendor account to, or null. */
const tenantOf = (env: Env, source: 'zendesk' | 'hubspot', account: string) =>
  new Directory(env.DIRECTORY).tenantForAccount(accountKey(source, account))

/**
 * Vendor webhooks (data flow path 2): find the tenant, hand the signed bytes, the signature headers
 * and the events parsed here to its object, which verifies the signature with the secrets it keeps
 * sealed and applies the events; answer at once. Merges and privacy deletions apply in the call; every other event makes
 * the account's connection due soon (coalesced), and the alarm fetches. Polling stays the backstop.
 */
export const webhooks = new Hono<{ Bindings: Env }>()
  .post('/zendesk/:subdomain', limit, async (c) => {
    const subdomain = c.req.param('subdomain').toLowerCase()
    const tenantId = SUBDOMAIN.test(subdomain) ? await tenantOf(c.env, 'zendesk', subdomain) : null
    const unknown = `No Zendesk webhook is configured for ${subdomain.slice(0, 63)}`
    if (!tenantId) throw notFound(unknown)
    const body = new Uint8Array(await c.req.arrayBuffer())
    const invocation = c.req.header('x-zendesk-webhook-invocation-id') ?? null
    let events = null
    try {
      const json: unknown = JSON.parse(new TextDecoder().decode(body))
      events = zendeskEvents(subdomain, json, invocation, Date.now())
    } catch {
      // Not JSON: the object still checks the signature first, then answers `bad_body`.
    }
    const outcome = await tenantStub(c.env, tenantId).receiveZendeskWebhook({
      subdomain,
      signature: c.req.header('x-zendesk-webhook-signature'),
      timestamp: c.req.header('x-zendesk-webhook-signature-timestamp'),
      body,
      events,
    })
    if (outcome.status === 'unknown') throw notFound(unknown)
    if (outcome.status === 'unauthorized') throw unauthorized(outcome.detail)
    if (outcome.status === 'bad_body') throw badRequest('The body is not JSON')
    return c.json(outcome.receipt)
  })

  .post('/hubspot', limit, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer())
    const delivery = HubspotDelivery.safeParse(parseJson(new TextDecoder().decode(raw)))
    if (!delivery.success) throw badRequest('The body is not an array of HubSpot events')
    const byPortal = new Map<string, HubspotEvent[]>()
    let malformed = 0
    for (const item of delivery.data) {
      const event = HubspotEvent.safeParse(item)
      if (!event.success) {
        malformed++
        continue
      }
      const list = byPortal.get(event.data.portalId) ?? []
      list.push(event.data)
      byPortal.set(event.data.portalId, list)
    }
    // One call per tenant: its object verifies the signature against its portals' secrets.
    const byTenant = new Map<string, SignedHubspotDelivery['portals']>()
    let unrouted = 0
    for (const [portalId, events] of byPortal) {
      const tenantId = await tenantOf(c.env, 'hubspot', portalId)
      if (!tenantId) {
        unrouted += events.length
        continue
      }
      const portals = byTenant.get(tenantId) ?? []
      portals.push({ portalId, events: hubspotEvents(portalId, events, Date.now()) })
      byTenant.set(tenantId, portals)
    }
    const origin = c.env.CXLENS_PUBLIC_ORIGIN?.replace(/\/$/, '')
    const url = new URL(c.req.url)
    const headers: Record<string, string> = {}
    for (const name of HUBSPOT_SIGNATURE_HEADERS) {
      const value = c.req.header(name)
      if (value !== undefined) headers[name] = value
    }
    const portals: (WebhookReceipt & { portalId: string })[] = []
    let ignored = malformed + unrouted
    let installed = false
    let refused: string | null = null
    for (const [tenantId, tenantPortals] of byTenant) {
      const outcome = await tenantStub(c.env, tenantId).receiveHubspotWebhook({
        method: c.req.method,
        url: origin ? origin + url.pathname + url.search : c.req.url,
        body: raw,
        headers,
        portals: tenantPortals,
      })
      const count = tenantPortals.reduce((n, p) => n + p.events.length, 0)
      if (outcome.status !== 'unknown') installed = true
      if (outcome.status === 'accepted') {
        portals.push(...outcome.receipt.portals)
        ignored += outcome.receipt.ignored
      } else {
        if (outcome.status === 'unauthorized') refused ??= outcome.detail
        ignored += count
      }
    }
    if (!installed) throw notFound('No tenant installed the HubSpot portals of these events')
    // No secret of any tenant signed it: the whole delivery is refused, as one check over all was.
    if (portals.length === 0 && refused !== null) throw unauthorized(refused)
    return c.json({ portals, ignored })
  })
