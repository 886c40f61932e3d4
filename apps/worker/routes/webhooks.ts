import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { accountKey, Directory } from '../directory/directory.ts'
import { badRequest, notFound, ProblemError, unauthorized } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import type { SignedHubSpotDelivery } from '../tenant/webhooks.ts'
import type { WebhookReceipt } from '../webhooks/events.ts'
import { groupHubSpotDelivery, hubspotEvents } from '../../../connectors/hubspot/index.ts'
import { ZENDESK_SUBDOMAIN, zendeskEvents } from '../../../connectors/zendesk/index.ts'

/** Zendesk sends one event per request, HubSpot up to 100: 1 MiB leaves room for both. */
const MAX_BYTES = 1024 * 1024
const limit = bodyLimit({
  maxSize: MAX_BYTES,
  onError: () => {
    throw new ProblemError(413, `The body is larger than ${MAX_BYTES} bytes`)
  },
})

/** The request's headers, lower-case names: which of them a signature uses is the connector's. */
function headersOf(request: Request): Record<string, string> {
  const headers: Record<string, string> = {}
  request.headers.forEach((value, name) => (headers[name] = value))
  return headers
}

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
 * Vendor webhooks (path 2 of docs/ARCHITECTURE.md): find the tenant, hand the signed bytes, the
 * signature headers and the events parsed here to its object, which verifies the signature with the
 * secrets it keeps sealed and applies the events; answer at once. Merges and privacy deletions apply
 * in the call; every other event makes the account's connection due soon (coalesced), and the alarm
 * fetches. Polling stays the backstop.
 */
export const webhooks = new Hono<{ Bindings: Env }>()
  .post('/zendesk/:subdomain', limit, async (c) => {
    const subdomain = c.req.param('subdomain').toLowerCase()
    const tenantId = ZENDESK_SUBDOMAIN.test(subdomain)
      ? await tenantOf(c.env, 'zendesk', subdomain)
      : null
    const unknown = `No Zendesk webhook is configured for ${subdomain.slice(0, 63)}`
    if (!tenantId) throw notFound(unknown)
    const body = new Uint8Array(await c.req.arrayBuffer())
    const headers = headersOf(c.req.raw)
    let events = null
    try {
      const json: unknown = JSON.parse(new TextDecoder().decode(body))
      events = zendeskEvents(subdomain, json, (name) => headers[name.toLowerCase()], Date.now())
    } catch {
      // Not JSON: the object still checks the signature first, then answers `bad_body`.
    }
    const outcome = await tenantStub(c.env, tenantId).receiveZendeskWebhook({
      subdomain,
      headers,
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
    const delivery = groupHubSpotDelivery(parseJson(new TextDecoder().decode(raw)))
    if (!delivery) throw badRequest('The body is not an array of HubSpot events')
    const { byPortal, malformed } = delivery
    // One call per tenant: its object verifies the signature against its portals' secrets.
    const byTenant = new Map<string, SignedHubSpotDelivery['portals']>()
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
    const headers = headersOf(c.req.raw)
    const portals: (WebhookReceipt & { portalId: string })[] = []
    let ignored = malformed + unrouted
    let installed = false
    let refused: string | null = null
    for (const [tenantId, tenantPortals] of byTenant) {
      const outcome = await tenantStub(c.env, tenantId).receiveHubSpotWebhook({
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
