import type { UnifiedRecord } from '../model/index.ts'

/**
 * The contract between a connector and the engine. A connector only fetches and maps; the engine
 * owns retries, rate budget, slicing, checkpoints and writes.
 */

/** Makes HTTP calls for one vendor account: retries, `Retry-After`, the shared rate budget, counting. */
export interface HttpClient {
  /**
   * GET/POST returning parsed JSON. `endpoint` names the call in errors and metrics
   * (e.g. `GET /api/v2/incremental/tickets/cursor.json`). Throws `HttpError` once retries are spent.
   */
  json<T = unknown>(
    url: string,
    init: RequestInit & {
      endpoint: string
      buckets?: string[]
      /** Do not wait (rate budget, backoff) past this instant in ms: the engine sets its slice end. */
      deadline?: number
    },
  ): Promise<T>
}

export interface FetchContext {
  http: HttpClient
  /** The engine's clock (injectable), in ms since the epoch. */
  now(): number
  /** The connection's lookups kept across runs (pipelines, survey versions); absent in tests. */
  cache?: ConnectorCache
}

/** Text values by key, per connection, in the tenant's store. */
export interface ConnectorCache {
  get(key: string): string | null
  set(key: string, value: string): void
}

export interface Page<Raw = unknown> {
  /** Raw vendor items, in the order the vendor returned them. */
  items: Raw[]
  /** Where to resume after this page. Committed with the page, in the same transaction. */
  cursor: string
  /** The stream reached the vendor's present: stop this run, poll again from `cursor` later. */
  done: boolean
  /**
   * The time up to which the stream is now known complete (ms since epoch), for lag. Optional:
   * some streams cannot tell.
   */
  completeUpTo?: number
}

/** Thrown by a mapper for a record it cannot map: the engine quarantines it with this reason. */
export class MapError extends Error {
  override name = 'MapError'
}

export interface StreamDefinition<Raw = unknown> {
  /** `tickets`, `users`… unique within a connector. */
  name: string
  fetchPage(cursor: string | null, ctx: FetchContext): Promise<Page<Raw>>
  /** Pure: raw vendor item → unified records (zod-validated by the engine). */
  map(raw: Raw): UnifiedRecord[]
  /** A short id for a raw item, for quarantine rows and errors (never personal data). */
  idOf(raw: Raw): string
}

/** A vendor limit: at most `limit` requests per `windowMs`, per account. */
export interface RateBucket {
  /** `account`, `incremental_export`, `search`, `daily`… A request may draw from several buckets. */
  name: string
  limit: number
  windowMs: number
}

/**
 * What a vendor's 429 asks for: `wait` (back off, obey `Retry-After`, retry), or `park` the whole
 * account until `untilMs` (a `Retry-After` wins when sent) because retrying sooner only burns
 * requests (a daily cap). `policy` names it in errors.
 */
export type RateLimitVerdict = { kind: 'wait' } | { kind: 'park'; policy: string; untilMs: number }

/** The connector reads its own 429s: the engine knows no vendor's policies. */
export type ClassifyRateLimit = (
  response: Response,
  body: string,
  nowMs: number,
) => RateLimitVerdict

export interface Connector {
  /** `zendesk`, `hubspot`. */
  source: string
  /** The vendor account this connector reads (subdomain, portal id). */
  account: string
  /** Streams in dependency order (organisations before users before tickets…). */
  streams: StreamDefinition[]
  /**
   * The account's limits. Every request draws from the `account` bucket (when declared) plus the
   * buckets named in its `bucket` option. One budget per vendor account, shared by every caller.
   */
  rateBuckets: RateBucket[]
  /** How this vendor's 429s are read; absent: every 429 is waited out. */
  classifyRateLimit?: ClassifyRateLimit
}
