import type { TenantStore } from '../../../core/store/index.ts'
import { derivePendingSlice } from '../../../core/sync/derive.ts'
import { CredentialError } from '../../../connectors/index.ts'
import { verifyHubSpotDelivery } from '../../../connectors/hubspot/index.ts'
import { verifyZendeskWebhook } from '../../../connectors/zendesk/index.ts'
import type { WebhookEvent, WebhookReceipt } from '../webhooks/events.ts'
import type { Installations } from './installations.ts'
import type { TenantKeys } from './keys.ts'
import { receiveWebhookEvents, type WebhookBatch } from './webhook-receive.ts'
import type { WebhookSecrets } from './webhook-secrets.ts'

/** A Zendesk delivery as the route read it: signed bytes, headers, its parse (null: not JSON). */
export interface SignedZendeskDelivery {
  subdomain: string
  /** The request's headers, lower-case names; the connector reads its signature from them. */
  headers: Record<string, string>
  body: Uint8Array<ArrayBuffer>
  events: WebhookEvent[] | null
}

/** The part of a HubSpot delivery naming this tenant's portals, with what HubSpot signed. */
export interface SignedHubSpotDelivery {
  method: string
  /** The URL HubSpot signed (the public origin when a proxy changed ours). */
  url: string
  body: Uint8Array<ArrayBuffer>
  /** The request's headers, lower-case names; the connector reads its signature from them. */
  headers: Record<string, string>
  portals: { portalId: string; events: WebhookEvent[] }[]
}

/**
 * What the object made of a delivery: applied, or why not. `unknown`: no webhook secret (Zendesk)
 * or installation (HubSpot) for it; `unauthorized`: the signature did not verify (detail safe to show).
 */
export type Delivered<T> =
  | { status: 'accepted'; receipt: T }
  | { status: 'unknown' }
  | { status: 'unauthorized'; detail: string }
  | { status: 'bad_body' }

export type HubSpotReceipt = { portals: (WebhookReceipt & { portalId: string })[]; ignored: number }

export interface WebhooksDeps {
  store: TenantStore
  keys: TenantKeys
  secrets: WebhookSecrets
  installations: Installations
  /** The HubSpot marketplace app's client secret, for installations without their own. */
  hubspotAppSecret: string | undefined
}

/**
 * Vendor webhooks received by a tenant: the signature is verified here, with secrets that never
 * leave the object, then the events apply (merges and erasures now, a coalesced refresh for the
 * rest), their customers re-derived in one bounded pass (the alarm finishes a long queue).
 */
export class Webhooks {
  private readonly deps: WebhooksDeps

  constructor(deps: WebhooksDeps) {
    this.deps = deps
  }

  async receiveZendesk(
    delivery: SignedZendeskDelivery,
    nowMs: number,
  ): Promise<Delivered<WebhookReceipt>> {
    const tenantId = this.deps.keys.tenantId()
    if (!tenantId) return { status: 'unknown' }
    const secrets = await this.deps.secrets.open(tenantId, 'zendesk', delivery.subdomain)
    if (secrets.length === 0) return { status: 'unknown' }
    const request = { body: delivery.body, header: headerOf(delivery.headers) }
    const refused = await verified(() => verifyZendeskWebhook(request, secrets, nowMs))
    if (refused) return refused
    if (delivery.events === null) return { status: 'bad_body' }
    const batch = {
      source: 'zendesk' as const,
      account: delivery.subdomain,
      events: delivery.events,
    }
    return { status: 'accepted', receipt: this.apply([batch], nowMs)[0]! }
  }

  /** Applies the portals whose secret signed the delivery; the others count as ignored. */
  async receiveHubSpot(
    delivery: SignedHubSpotDelivery,
    nowMs: number,
  ): Promise<Delivered<HubSpotReceipt>> {
    const tenantId = this.deps.keys.tenantId()
    if (!tenantId) return { status: 'unknown' }
    const secretOf = new Map<string, string>()
    for (const { portalId } of delivery.portals) {
      const found = await this.deps.installations.secret(tenantId, 'hubspot', portalId)
      const secret = found === 'global' ? this.deps.hubspotAppSecret : found?.secret
      if (secret) secretOf.set(portalId, secret)
    }
    if (secretOf.size === 0) return { status: 'unknown' }
    let signedWith = ''
    const request = { ...delivery, header: headerOf(delivery.headers) }
    const refused = await verified(async () => {
      signedWith = await verifyHubSpotDelivery(request, [...new Set(secretOf.values())], nowMs)
    })
    if (refused) return refused
    // Only the portals whose app secret signed this delivery: a secret vouches for its own portals.
    const signed = delivery.portals.filter((p) => secretOf.get(p.portalId) === signedWith)
    const batches = signed.map((p) => ({
      source: 'hubspot' as const,
      account: p.portalId,
      events: p.events,
    }))
    const receipts = this.apply(batches, nowMs)
    const ignored = delivery.portals
      .filter((p) => !signed.includes(p))
      .reduce((n, p) => n + p.events.length, 0)
    const portals = receipts.map((receipt, i) => ({ portalId: signed[i]!.portalId, ...receipt }))
    return { status: 'accepted', receipt: { portals, ignored } }
  }

  private apply(batches: WebhookBatch[], nowMs: number): WebhookReceipt[] {
    const { store } = this.deps
    const receipts = batches.map((batch) => receiveWebhookEvents(store, batch, nowMs))
    if (receipts.some((r) => r.written > 0)) derivePendingSlice(store, { now: nowMs })
    return receipts
  }
}

const headerOf = (headers: Record<string, string>) => (name: string) => headers[name.toLowerCase()]

/** Runs a connector's signature check; its refusal as a value (errors lose their class over RPC). */
async function verified(check: () => Promise<unknown>) {
  try {
    await check()
    return null
  } catch (error) {
    if (error instanceof CredentialError)
      return { status: 'unauthorized' as const, detail: error.message }
    throw error
  }
}
