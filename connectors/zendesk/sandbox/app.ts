import { Hono, type Context } from 'hono'
import { createFaults } from './faults.ts'
import { generateAccount, type GenerateOptions } from './generate.ts'
import { createWebhookRoutes } from './webhooks.ts'
import { createZendeskOAuth, requiredScopes, type ZendeskOAuthOptions } from './oauth.ts'
import { applyMutation, type MutateOptions, type MutationResult } from './mutate.ts'
import { createRateLimiter, type RateLimitOptions } from './rate-limit.ts'
import { renderSurvey, renderSurveyResponse } from './render.ts'
import { registerIncremental } from './routes/incremental.ts'
import { listEndpointName, registerListEndpoints } from './routes/list-endpoints.ts'
import { registerSatisfaction } from './routes/satisfaction.ts'
import { registerSurveyResponses } from './routes/survey-responses.ts'
import { registerTicketMetricsList } from './routes/ticket-metrics.ts'
import { registerTicketNotes } from './routes/ticket-notes.ts'
import { emptyCounters, type SandboxState } from './state.ts'
import type {
  Account,
  ZMetricSet,
  ZOrganization,
  ZSatisfactionRating,
  ZTicket,
  ZUser,
} from './types.ts'

export interface SandboxCredentials {
  /** Basic auth: `Authorization: Basic base64("{email}/token:{apiToken}")`. */
  email: string
  apiToken: string
  /** Bearer auth: `Authorization: Bearer {oauthToken}`. */
  oauthToken: string
}

export const DEFAULT_CREDENTIALS: SandboxCredentials = {
  email: 'admin@cxlens-sandbox.example.com',
  apiToken: 'sandbox-api-token',
  oauthToken: 'sandbox-oauth-token',
}

export interface SandboxOptions extends GenerateOptions {
  /** A prebuilt account (skips generation; benchmarks can share one). */
  account?: Account
  credentials?: Partial<SandboxCredentials>
  /** Per-minute limits and time scale; `false` disables a bucket. */
  rateLimits?: RateLimitOptions
  /** The clock (ms). Default: a manual clock starting at the account's `now` (see `setClock`). */
  clock?: () => number
  /** Delay before every answer, ms. */
  latencyMs?: number
  /** Base of `after_url`/`next_page`/`links`; default the request's own origin. */
  baseUrl?: string
  /** OAuth clients and token lifetimes (see `oauth.ts`). */
  oauth?: ZendeskOAuthOptions
  /** How webhook deliveries reach their endpoints (default global fetch). */
  webhookFetch?: typeof fetch
}

export interface GroundTruth {
  /** The clock when taken (ms). Only changes older than `asOf - 60 s` are exportable yet. */
  asOf: number
  /** Every ticket ever created, current version, by id; deleted ones have `status: "deleted"`. */
  tickets: ZTicket[]
  /** Metric sets of the tickets that are not deleted, by ticket id. */
  metricSets: ZMetricSet[]
  /** Every user, by id; deleted and merged-away users have `active: false`. */
  users: ZUser[]
  /** Every organization, by id; deleted ones carry `deleted_at`. */
  organizations: ZOrganization[]
  satisfactionRatings: ZSatisfactionRating[]
  /** As the list endpoint renders them, by id. */
  surveyResponses: ReturnType<typeof renderSurveyResponse>[]
  /** Every survey version as `GET /api/v2/guide/en-us/surveys/{id}/{version}` renders it. */
  surveys: ReturnType<typeof renderSurvey>[]
}

const INCREMENTAL = /^\/api\/v2\/incremental\//
const GUIDE = /^\/api\/v2\/guide\//

/** Normalises a path to its endpoint name for counters: `GET /api/v2/guide/{locale}/survey_responses/{id}`. */
function endpointOf(method: string, path: string): string {
  const p = path
    .replace(
      /^\/api\/v2\/guide\/[^/]+\/survey_responses\/[^/]+$/,
      '/api/v2/guide/{locale}/survey_responses/{id}',
    )
    .replace(
      /^\/api\/v2\/guide\/(?!survey_responses)[^/]+\/surveys(\/[^/]+\/[^/]+)?$/,
      (_m, v) => `/api/v2/guide/{locale}/surveys${v ? '/{id}/{version}' : ''}`,
    )
  return `${method} ${listEndpointName(p)}`
}

export function createZendeskSandbox(options: SandboxOptions = {}) {
  const account = options.account ?? generateAccount(options)
  const seed = options.seed ?? 42
  let manualNow =
    options.now ??
    Date.parse(
      account.tickets.size
        ? [...account.tickets.values()].reduce((a, t) => (t.updated_at > a ? t.updated_at : a), '')
        : new Date().toISOString(),
    ) + 120_000
  let clock = options.clock ?? (() => manualNow)
  const state: SandboxState = { account, version: 0, now: () => clock(), requests: emptyCounters() }
  const credentials = { ...DEFAULT_CREDENTIALS, ...options.credentials }
  const basic = `Basic ${Buffer.from(`${credentials.email}/token:${credentials.apiToken}`).toString('base64')}`
  const bearer = `Bearer ${credentials.oauthToken}`
  const oauth = createZendeskOAuth(state, options.oauth)
  const webhooks = createWebhookRoutes(
    state,
    options.webhookFetch ? { fetch: options.webhookFetch } : {},
  )
  const limiter = createRateLimiter(options.rateLimits ?? {}, () => state.now())
  const faults = createFaults(seed)
  let latencyMs = options.latencyMs ?? 0
  let mutations = 0

  const app = new Hono()
  app.use('*', async (c, next) => {
    const endpoint = endpointOf(c.req.method, c.req.path)
    if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs))
    const response = await handle(c, next)
    state.requests.total++
    state.requests.byEndpoint[endpoint] = (state.requests.byEndpoint[endpoint] ?? 0) + 1
    const status = String(response?.status ?? c.res.status)
    state.requests.byStatus[status] = (state.requests.byStatus[status] ?? 0) + 1
    if (response) return response
  })

  async function handle(c: Context, next: () => Promise<void>): Promise<Response | undefined> {
    const guide = GUIDE.test(c.req.path)
    const fault = faults.next()
    if (fault) {
      if (fault.status === 429) return tooMany(c, fault.retryAfter ?? 1, null)
      return c.json(
        { error: 'ServiceUnavailable', description: 'Injected fault' },
        fault.status as 500,
      )
    }
    if (c.req.path.startsWith('/oauth/')) {
      // The consent page and token endpoint authenticate the client themselves.
      await next()
      return undefined
    }
    const auth = c.req.header('authorization')
    const issued =
      auth?.startsWith('Bearer ') && auth !== bearer ? oauth.store.checkAccess(auth.slice(7)) : null
    if (issued && (issued.status === 'expired' || issued.status === 'revoked')) {
      // [unverified] body: Doorkeeper's `invalid_token` answer; clients must rely on the 401.
      return c.json(
        {
          error: 'invalid_token',
          error_description:
            'The access token provided is expired, revoked, malformed or invalid for other reasons.',
        },
        401,
      )
    }
    if (issued?.status === 'active') {
      const needed = requiredScopes(c.req.method, c.req.path)
      if (needed && !needed.some((scope) => issued.record.scopes.includes(scope))) {
        return c.json(
          {
            error: 'Forbidden',
            description:
              'You do not have access to this page. Please contact the account owner of this help desk for further help.',
          },
          403,
        )
      }
      oauth.callers.set(c.req.raw, issued.record)
    } else if (auth !== basic && auth !== bearer) {
      // Support answers `{"error":"Couldn't authenticate you"}`; Guide answers an `errors` array.
      return guide
        ? c.json(
            {
              errors: [
                {
                  code: 'Unauthorized',
                  status: '401',
                  title: 'Unauthorized to access the resource',
                },
              ],
            },
            401,
          )
        : c.json({ error: "Couldn't authenticate you" }, 401)
    }
    const decision = limiter.take(INCREMENTAL.test(c.req.path) ? ['incremental'] : [])
    if (!decision.allowed) return tooMany(c, decision.retryAfter, decision.limit)
    await next()
    if (decision.limit !== null) {
      c.res.headers.set('X-Rate-Limit', String(decision.limit))
      c.res.headers.set('X-Rate-Limit-Remaining', String(decision.remaining))
      c.res.headers.set('ratelimit-limit', String(decision.limit))
      c.res.headers.set('ratelimit-remaining', String(decision.remaining))
      c.res.headers.set('ratelimit-reset', String(decision.retryAfter))
    }
    return undefined
  }

  function tooMany(c: Context, retryAfter: number, limit: number | null): Response {
    c.header('Retry-After', String(retryAfter))
    if (limit !== null) {
      c.header('X-Rate-Limit', String(limit))
      c.header('X-Rate-Limit-Remaining', '0')
    }
    // [unverified] body wording; clients must rely on the status and Retry-After.
    return c.json(
      {
        error: 'APIRateLimitExceeded',
        description: 'Number of allowed API requests per minute exceeded',
      },
      429,
    )
  }

  const ctx = {
    state,
    faults,
    baseUrl: (c: Context) => options.baseUrl ?? new URL(c.req.url).origin,
  }
  oauth.register(app, ctx.baseUrl)
  webhooks.register(app, ctx.baseUrl)
  registerIncremental(app, ctx)
  registerSatisfaction(app, ctx)
  registerSurveyResponses(app, ctx)
  registerTicketNotes(app, ctx)
  registerListEndpoints(app, ctx)
  registerTicketMetricsList(app, ctx)
  app.notFound((c) => c.json({ error: 'InvalidEndpoint', description: 'Not found' }, 404))

  return {
    app,
    state,
    faults,
    /** What a perfect sync must end with (deep copies; see README "Ground truth"). */
    groundTruth(): GroundTruth {
      const byId = <T extends { id: number }>(m: Map<number, T>) =>
        [...m.values()].sort((a, b) => a.id - b.id).map((x) => structuredClone(x))
      const versions = account.surveyVersions
      return {
        asOf: state.now(),
        tickets: byId(account.tickets),
        metricSets: [...account.metricSets.values()]
          .sort((a, b) => a.ticket_id - b.ticket_id)
          .map((m) => structuredClone(m)),
        users: byId(account.users),
        organizations: byId(account.organizations),
        satisfactionRatings: byId(account.ratings),
        surveyResponses: [...account.surveyResponses.values()]
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .map((r) => renderSurveyResponse(r, versions)),
        surveys: versions.map((v) => renderSurvey(v, 'en-us')),
      }
    },
    /** Changes the account at the clock's current second (or `at`). */
    mutate(opts: MutateOptions): MutationResult {
      return applyMutation(state, opts, seed, ++mutations)
    },
    /** Sets the manual clock (ms), or replaces the clock with a function (e.g. `Date.now`). */
    setClock(now: number | (() => number)): void {
      if (typeof now === 'function') clock = now
      else {
        manualNow = now
        clock = () => manualNow
      }
    },
    /** Moves the manual clock forward. */
    advance(ms: number): void {
      manualNow += ms
    },
    setLatency(ms: number): void {
      latencyMs = ms
    },
    setRateLimits(next: RateLimitOptions): void {
      limiter.set(next)
    },
    resetCounters(): void {
      state.requests = emptyCounters()
    },
    credentials,
    /** OAuth: `store`, `setAccessTtl(s)`, `registerClient(c)`, `approve(url)` (plays the admin). */
    oauth: {
      ...oauth,
      approve: (authorizeUrl: string, decision: 'approve' | 'deny' = 'approve') =>
        oauth.approve(app, authorizeUrl, decision),
    },
    /** Webhooks and triggers created through the API; `deliver(mutation)` sends signed requests. */
    webhooks,
    /** Ready-made `Authorization` header values. */
    authHeaders: { basic, bearer },
  }
}

export type ZendeskSandbox = ReturnType<typeof createZendeskSandbox>
