/** A vendor answered with an error status we do not retry (or retries ran out). No personal data. */
export class HttpError extends Error {
  override name = 'HttpError'
  readonly status: number
  readonly endpoint: string
  /** A short excerpt of the vendor's error fields (error codes and messages only). */
  readonly excerpt: string

  constructor(status: number, endpoint: string, excerpt: string) {
    super(`${endpoint} answered ${status}${excerpt ? `: ${excerpt}` : ''}`)
    this.status = status
    this.endpoint = endpoint
    this.excerpt = excerpt
  }
}

/** The call cannot proceed before `retryAt` (a daily cap, or a wait past the slice's deadline). */
export class RateLimitedError extends Error {
  override name = 'RateLimitedError'
  readonly retryAt: number
  readonly endpoint: string
  readonly policy: string | null

  constructor(endpoint: string, retryAt: number, policy: string | null = null) {
    super(
      `${endpoint} is rate limited until ${new Date(retryAt).toISOString()}${policy ? ` (${policy})` : ''}`,
    )
    this.endpoint = endpoint
    this.retryAt = retryAt
    this.policy = policy
  }
}

/** The request never got an HTTP answer (DNS, connection reset, timeout). Retried. */
export class NetworkError extends Error {
  override name = 'NetworkError'
  readonly endpoint: string

  constructor(endpoint: string, cause: unknown) {
    super(`${endpoint} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    })
    this.endpoint = endpoint
  }
}

/** A retryable answer (5xx, 429): p-retry sees it; the last one surfaces as an HttpError. */
export class TransientHttpError extends HttpError {
  override name = 'TransientHttpError'
  /** Server-requested wait, when it sent one. */
  readonly retryAfterMs: number | null

  constructor(status: number, endpoint: string, excerpt: string, retryAfterMs: number | null) {
    super(status, endpoint, excerpt)
    this.retryAfterMs = retryAfterMs
  }
}
