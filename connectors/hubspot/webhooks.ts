import { z } from 'zod'
import {
  instantOf,
  type RefreshTiming,
  type WebhookEvent,
  type WebhookRecord,
} from '../kit/webhook-event.ts'
import { hubspotRef, type MapContext } from './mappers/refs.ts'
import { DEFAULT_SCALES } from './mappers/scales.ts'

/**
 * HubSpot's search index lags writes by seconds [ref: HubSpot "Search"]: a refresh 5 s after an
 * event sees it; one refresh covers 10 s of a flood.
 */
export const HUBSPOT_REFRESH_TIMING: RefreshTiming = { visibleAfterMs: 5_000, windowMs: 10_000 }

const Id = z
  .union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()])
  .transform(String)

/**
 * One HubSpot webhook event [ref: HubSpot "Webhooks API", payloads; merge fields from the changelog
 * "New subscription types for webhooks"]. A delivery is an array of up to 100 of them, possibly of
 * several portals.
 */
export const HubSpotEvent = z.looseObject({
  eventId: Id,
  subscriptionId: Id.optional(),
  portalId: Id,
  occurredAt: z.number().optional(),
  subscriptionType: z.string().min(1).max(100),
  /** `object.*` subscriptions name the type: `0-1` contacts. */
  objectTypeId: z.string().optional(),
  objectId: Id.optional(),
  changeSource: z.string().optional(),
  primaryObjectId: Id.optional(),
  mergedObjectIds: z.array(Id).optional(),
  newObjectId: Id.optional(),
})
export type HubSpotEvent = z.infer<typeof HubSpotEvent>

export const HubSpotDelivery = z.array(z.unknown()).max(1000)

/**
 * A delivery's events by portal, and how many items were not HubSpot events; null when the body is
 * not an array of at most 1000 items.
 */
export function groupHubSpotDelivery(
  body: unknown,
): { byPortal: Map<string, HubSpotEvent[]>; malformed: number } | null {
  const delivery = HubSpotDelivery.safeParse(body)
  if (!delivery.success) return null
  const byPortal = new Map<string, HubSpotEvent[]>()
  let malformed = 0
  for (const item of delivery.data) {
    const event = HubSpotEvent.safeParse(item)
    if (!event.success) {
      malformed++
      continue
    }
    const list = byPortal.get(event.data.portalId) ?? []
    list.push(event.data)
    byPortal.set(event.data.portalId, list)
  }
  return { byPortal, malformed }
}

const CONTACT_TYPE_ID = '0-1'

/** `contact.merge` and `object.merge` of type 0-1 are the same event, as are privacy deletions. */
function contactAction(e: HubSpotEvent): string | null {
  const [object, action] = e.subscriptionType.split('.')
  if (object === 'contact') return action ?? null
  if (object === 'object' && e.objectTypeId === CONTACT_TYPE_ID) return action ?? null
  return null
}

/**
 * HubSpot events of one portal → what to apply. A privacy deletion erases the contact (its only
 * signal: the contact is simply gone from the API); a merge folds every secondary contact, and the
 * former primary when HubSpot made a new one, into the survivor (`newObjectId`, else
 * `primaryObjectId`). Everything else, deletions and `changeSource=IMPORT` floods included, asks for
 * a refresh, which the tenant coalesces per connection.
 */
export function hubspotEvents(portalId: string, events: HubSpotEvent[], nowMs: number) {
  const ctx: MapContext = {
    account: portalId,
    appBaseUrl: 'https://app.hubspot.com',
    scales: DEFAULT_SCALES,
  }
  return events.map((e): WebhookEvent => {
    // eventId alone is not guaranteed unique [ref: HubSpot "Webhooks API"]: with its subscription,
    // object and time it names one event, and stays the same across retries.
    const key = `hubspot:${portalId}:${e.subscriptionId ?? ''}:${e.eventId}:${e.objectId ?? ''}:${e.occurredAt ?? ''}`
    const at = instantOf(e.occurredAt, nowMs)
    const action = contactAction(e)
    if (action === 'privacyDeletion' && e.objectId) {
      return {
        key,
        records: [{ kind: 'erase', ref: hubspotRef(ctx, 'contact', e.objectId), at }],
        refresh: false,
      }
    }
    if (action === 'merge') {
      const survivor = e.newObjectId ?? e.primaryObjectId ?? e.objectId
      if (survivor) {
        const into = hubspotRef(ctx, 'contact', survivor)
        const losers = new Set([...(e.mergedObjectIds ?? []), e.primaryObjectId ?? survivor])
        losers.delete(survivor)
        const records: WebhookRecord[] = [...losers].map((id) => ({
          kind: 'merge',
          from: hubspotRef(ctx, 'contact', id),
          into,
          at,
        }))
        return { key, records, refresh: true }
      }
    }
    return { key, records: [], refresh: true }
  })
}
