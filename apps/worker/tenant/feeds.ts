import type { SqlPort } from '../../../core/store/port.ts'
import { randomToken } from '../crypto.ts'
import { FeedConfig } from '../imports/mapping.ts'
import type { Sealer } from './secrets.ts'

/** A signed delivery is refused when its timestamp is further than this from now (replays). */
export const FEED_SIGNATURE_WINDOW_MS = 5 * 60_000

const encoder = new TextEncoder()
const feedContext = (tenantId: string, feed: string) => `${tenantId}/feed/${feed}`

function fromHex(hex: string): Uint8Array<ArrayBuffer> | null {
  if (!/^([0-9a-f]{2})+$/i.test(hex)) return null
  return new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16)))
}

/**
 * Survey feeds of one tenant: their saved format and their inbound webhook's secret, sealed.
 * The secret is returned once, when generated; deliveries are verified here, in the object.
 */
export class Feeds {
  private readonly sql: SqlPort
  private readonly sealer: Sealer

  constructor(sql: SqlPort, sealer: Sealer) {
    this.sql = sql
    this.sealer = sealer
  }

  config(feed: string): FeedConfig | null {
    const row = this.sql.all<{ config: string | null }>(
      'SELECT config FROM worker_feeds WHERE feed = ?',
      feed,
    )[0]
    return row?.config ? FeedConfig.parse(JSON.parse(row.config)) : null
  }

  putConfig(feed: string, config: FeedConfig, nowMs: number): FeedConfig {
    this.sql.run(
      `INSERT INTO worker_feeds (feed, config, secret, updated_ms) VALUES (?, ?, NULL, ?)
       ON CONFLICT (feed) DO UPDATE SET config = excluded.config, updated_ms = excluded.updated_ms`,
      feed,
      JSON.stringify(config),
      nowMs,
    )
    return config
  }

  /** A new secret for the feed's webhook (replacing any former one), shown to the caller once. */
  async newSecret(tenantId: string, feed: string, nowMs: number): Promise<string> {
    const secret = `whsec_${randomToken(32)}`
    const sealed = await this.sealer.seal(secret, feedContext(tenantId, feed))
    this.sql.run(
      `INSERT INTO worker_feeds (feed, config, secret, updated_ms) VALUES (?, NULL, ?, ?)
       ON CONFLICT (feed) DO UPDATE SET secret = excluded.secret, updated_ms = excluded.updated_ms`,
      feed,
      sealed,
      nowMs,
    )
    return secret
  }

  /**
   * `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with a Unix-seconds timestamp within 5
   * minutes of now; compared by crypto.subtle.verify (constant time). False for a feed without one.
   */
  async verify(
    tenantId: string,
    delivery: { feed: string; timestamp: string; signature: string; body: string },
    nowMs: number,
  ): Promise<boolean> {
    const seconds = /^\d{1,12}$/.test(delivery.timestamp) ? Number(delivery.timestamp) : NaN
    if (!(Math.abs(nowMs - seconds * 1000) <= FEED_SIGNATURE_WINDOW_MS)) return false
    const mac = fromHex(/^v1=(.+)$/.exec(delivery.signature.trim())?.[1] ?? '')
    if (!mac) return false
    const row = this.sql.all<{ secret: string | null }>(
      'SELECT secret FROM worker_feeds WHERE feed = ?',
      delivery.feed,
    )[0]
    if (!row?.secret) return false
    const secret = await this.sealer.open(row.secret, feedContext(tenantId, delivery.feed))
    const key = await crypto.subtle.importKey(
      'raw',
      encoder.encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    )
    const message = encoder.encode(`${delivery.timestamp}.${delivery.body}`)
    return crypto.subtle.verify('HMAC', key, mac, message)
  }
}
