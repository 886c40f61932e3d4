import type { TenantStore } from '../../../core/store/index.ts'
import type { WebhookEvent, WebhookReceipt } from '../webhooks/events.ts'
import { REFRESH_TIMING, requestRefresh } from './refresh.ts'

/** Vendors retry a failed delivery for up to a day (HubSpot: 10 tries over 24 h): keep ids 3 days. */
export const SEEN_TTL_MS = 3 * 24 * 3600_000

export interface WebhookBatch {
  source: 'zendesk' | 'hubspot'
  /** Zendesk subdomain or HubSpot portal id. */
  account: string
  events: WebhookEvent[]
}

/**
 * Applies one delivery in the tenant object, synchronously (one commit): events seen before are
 * skipped, merges and erasures go through the store like a sync page (their people are queued for
 * re-derivation), and the account's connection gets one coalesced refresh for everything else.
 */
export function receiveWebhookEvents(
  store: TenantStore,
  batch: WebhookBatch,
  nowMs: number,
): WebhookReceipt {
  const { sql } = store
  sql.run('DELETE FROM worker_webhook_events WHERE seen_ms < ?', nowMs - SEEN_TTL_MS)
  const fresh: WebhookEvent[] = []
  const keys = new Set<string>()
  for (const event of batch.events) {
    if (event.key !== null) {
      const seen =
        keys.has(event.key) ||
        sql.all('SELECT 1 FROM worker_webhook_events WHERE event_key = ?', event.key).length > 0
      if (seen) continue
      keys.add(event.key)
    }
    fresh.push(event)
  }
  for (const key of keys) {
    sql.run('INSERT INTO worker_webhook_events (event_key, seen_ms) VALUES (?, ?)', key, nowMs)
  }
  const records = fresh.flatMap((e) => e.records)
  if (records.length > 0) {
    // Its own stream id, like an import feed: the connection's stream states stay the sync's.
    store.writePage({
      connectionId: `webhook:${batch.source}:${batch.account}`,
      stream: 'events',
      records,
      quarantined: [],
      cursor: null,
      state: { status: 'idle', lastSuccessMs: nowMs, counts: { fetched: records.length } },
    })
  }
  let refresh: WebhookReceipt['refresh'] = 'none'
  if (fresh.some((e) => e.refresh)) {
    const connection = store
      .listConnections()
      .find((c) => c.source === batch.source && c.account === batch.account)
    refresh = connection
      ? requestRefresh(sql, connection.id, nowMs, REFRESH_TIMING[batch.source])
      : 'no_connection'
  }
  return {
    received: batch.events.length,
    duplicates: batch.events.length - fresh.length,
    written: records.length,
    refresh,
  }
}
