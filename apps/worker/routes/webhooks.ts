import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { accountKey, Directory } from '../directory/directory.ts'
import {
  groupHubSpotDelivery,
  hubspotEvents,
  verifyHubSpotDelivery,
} from '../../../connectors/hubspot/index.ts'
import { zendeskEvents } from '../../../connectors/zendesk/index.ts'
import { verifiedOr401 } from '../middleware/credential.ts'
import { resolveHubSpotTenant } from '../middleware/platform-credentials.ts'
import {
  zendeskWebhookSignature,
  type ZendeskWebhookEnv,
} from '../middleware/zendesk-webhook-signature.ts'
import { badRequest, notFound, ProblemError } from '../problem.ts'
import { tenantStub } from '../tenant/client.ts'
import type { WebhookReceipt } from '../webhooks/events.ts'

/** Zendesk sends one event per request, HubSpot up to 100: 1 MiB leaves room for both. */
const MAX_BYTES = 1024 * 1024
const limit = bodyLimit({
  maxSize: MAX_BYTES,
  onError: () => {
    throw new ProblemError(413, `The body is larger than ${MAX_BYTES} bytes`)
  },
})

/** The tenant of a Zendesk subdomain and its webhooks' signing secrets, if any was set. */
async function resolveZendeskWebhook(env: Env, subdomain: string) {
  const tenantId = await new Directory(env.DIRECTORY).tenantForAccount(
    accountKey('zendesk', subdomain),
  )
  if (!tenantId) return null
  const secrets = await tenantStub(env, tenantId).webhookSecrets('zendesk', subdomain)
  return { tenantId, secrets }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw badRequest('The body is not JSON')
  }
}

/**
 * Vendor webhooks (data flow path 2): verify the signature, find the tenant, hand the events to its
 * object, answer at once. Merges and privacy deletions apply in the call; every other event makes
 * the account's connection due soon (coalesced), and the alarm fetches. Polling stays the backstop.
 */
export const webhooks = new Hono<ZendeskWebhookEnv>()
  .post(
    '/zendesk/:subdomain',
    limit,
    zendeskWebhookSignature({
      resolveSecrets: (subdomain, c) => resolveZendeskWebhook(c.env, subdomain),
    }),
    async (c) => {
      const { tenantId, subdomain } = c.get('zendeskWebhook')
      const body = parseJson(await c.req.text())
      const events = zendeskEvents(subdomain, body, (name) => c.req.header(name), Date.now())
      const receipt = await tenantStub(c.env, tenantId).receiveWebhook({
        source: 'zendesk',
        account: subdomain,
        events,
      })
      return c.json(receipt)
    },
  )

  .post('/hubspot', limit, async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer())
    const delivery = groupHubSpotDelivery(parseJson(new TextDecoder().decode(raw)))
    if (!delivery) throw badRequest('The body is not an array of HubSpot events')
    const { byPortal, malformed } = delivery
    const tenants = new Map<string, { tenantId: string; clientSecret: string }>()
    for (const portalId of byPortal.keys()) {
      const tenant = await resolveHubSpotTenant(c.env, portalId)
      if (tenant) tenants.set(portalId, tenant)
    }
    if (tenants.size === 0)
      throw notFound('No tenant installed the HubSpot portals of these events')

    const origin = c.env.CXLENS_PUBLIC_ORIGIN?.replace(/\/$/, '')
    const url = new URL(c.req.url)
    const secret = await verifiedOr401(() =>
      verifyHubSpotDelivery(
        {
          method: c.req.method,
          url: origin ? origin + url.pathname + url.search : c.req.url,
          body: raw,
          header: (name) => c.req.header(name),
        },
        [...new Set([...tenants.values()].map((t) => t.clientSecret))],
        Date.now(),
      ),
    )
    const portals: (WebhookReceipt & { portalId: string })[] = []
    let ignored = malformed
    for (const [portalId, events] of byPortal) {
      const tenant = tenants.get(portalId)
      // Only the portals whose app secret signed this delivery: a secret vouches for its own portals.
      if (!tenant || tenant.clientSecret !== secret) {
        ignored += events.length
        continue
      }
      const receipt = await tenantStub(c.env, tenant.tenantId).receiveWebhook({
        source: 'hubspot',
        account: portalId,
        events: hubspotEvents(portalId, events, Date.now()),
      })
      portals.push({ portalId, ...receipt })
    }
    return c.json({ portals, ignored })
  })
