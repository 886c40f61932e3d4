import { Hono } from 'hono'
import { associationEntry, inlineAssociations, objectTypeOf } from './associations.ts'
import { type GenerateOptions, generatePortal, mergeContacts, privacyDelete } from './generate.ts'
import { type RateLimitOptions, DEFAULT_LIMITS, hubspotRateLimits } from './limits.ts'
import type { SandboxPerson } from './people.ts'
import { createRng } from './prng.ts'
import { type HubSpotOAuthOptions, createHubSpotOAuth } from './oauth.ts'
import {
  type ObjectType,
  OBJECT_TYPES,
  archiveRecord,
  associatedIds,
  createRecord,
  isObjectType,
  refreshSearchIndex,
  updateRecord,
} from './portal.ts'
import { type SearchRequest, SearchError, runSearch } from './search.ts'
import { errorBody, parsePropertyList, toApiObject } from './serialize.ts'
import { registerTasks } from './tasks.ts'
import { feedbackPropertiesResponse, pipelinesResponse } from './settings.ts'

export interface HubSpotSandboxOptions extends Partial<Omit<GenerateOptions, 'searchLagMs'>> {
  portalId?: string
  /** Injectable clock (ms). Mutations, rate windows and search lag all read it. */
  now?: () => number
  /** Bearer tokens accepted (private app tokens or OAuth access tokens). */
  tokens?: string[]
  limits?: Partial<RateLimitOptions>
  /** How long a write takes to reach search results. */
  searchLagMs?: number
  /** Added to every response (real timers). */
  latencyMs?: number
  /** Random server errors: share of requests failing, and with which statuses. */
  faults?: { rate: number; statuses?: number[]; seed?: number }
  /** OAuth app(s), token lifetime, scopes the portal cannot grant (see `oauth.ts`). */
  oauth?: HubSpotOAuthOptions
}

export type HubSpotSandbox = ReturnType<typeof createHubSpotSandbox>

/** A HubSpot portal over HTTP: the CRM v3/v4 subset cxlens reads, with HubSpot's limits. */
export function createHubSpotSandbox(options: HubSpotSandboxOptions = {}) {
  const now = options.now ?? (() => Date.now())
  const generated = generatePortal({
    seed: 42,
    ...options,
    searchLagMs: options.searchLagMs ?? 2_000,
  })
  const { portal, personOfContact } = generated
  const tokens = new Set(options.tokens ?? ['sandbox-token'])
  const counters = { requests: 0, searches: 0, rejected: 0, faults: 0 }
  const faultRng = createRng(options.faults?.seed ?? 7)
  let forcedFailures: number[] = []
  const portalCreatedAt = Date.UTC(2019, 0, 1)
  const portalId = options.portalId ?? '4242424'
  const oauth = createHubSpotOAuth(portalId, now, options.oauth)
  /** OAuth calls draw from the app's budget in the portal, not the token's (tokens rotate). */
  const rateKeys = new Map<string, string>()

  const app = new Hono()

  app.use('*', async function latencyAndFaults(c, next) {
    counters.requests++
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs))
    const forced = forcedFailures.shift()
    const status =
      forced ??
      (options.faults && faultRng.chance(options.faults.rate)
        ? faultRng.pick(options.faults.statuses ?? [500, 502, 503])
        : null)
    if (status !== null) {
      counters.faults++
      return c.json(errorBody('INTERNAL_ERROR', 'Sandbox fault'), status as 500)
    }
    await next()
  })

  oauth.register(app)

  app.use('*', async function bearerAuth(c, next) {
    if (c.req.path.startsWith('/oauth/')) return next()
    const header = c.req.header('authorization') ?? ''
    const token = header.startsWith('Bearer ') ? header.slice(7) : ''
    const issued = tokens.has(token) ? undefined : oauth.authenticate(c, token)
    if (issued instanceof Response) return issued
    if (issued) rateKeys.set(header, `oauth:${issued.clientId}`)
    if (!tokens.has(token) && !issued) {
      return c.json(
        errorBody('INVALID_AUTHENTICATION', 'Authentication credentials not found.'),
        401,
      )
    }
    await next()
  })

  const limits = hubspotRateLimits(
    { ...DEFAULT_LIMITS, ...options.limits },
    now,
    counters,
    (h) => rateKeys.get(h) ?? h,
  )
  app.use('*', (c, next) => (c.req.path.startsWith('/oauth/') ? next() : limits(c, next)))

  const badRequest = (message: string) => errorBody('VALIDATION_ERROR', message)

  // docs: "CRM API | Objects" › list: ordered by id, `after` is where the next page starts.
  app.get('/crm/v3/objects/:type', (c) => {
    const type = c.req.param('type')
    if (!isObjectType(type)) return c.json(badRequest(`Unknown object type ${type}`), 400)
    const limit = Number(c.req.query('limit') ?? 10)
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return c.json(badRequest('limit must be between 1 and 100'), 400)
    }
    const after = Number(c.req.query('after') ?? 0)
    const archived = c.req.query('archived') === 'true'
    const properties = parsePropertyList(c.req.queries('properties'))
    // `associations=contacts,companies`: unknown types are ignored, as HubSpot documents.
    const withTypes = parsePropertyList(c.req.queries('associations'))
      .map(objectTypeOf)
      .filter((t): t is ObjectType => t !== null)
    const all = [...portal.records[type].values()]
      .filter((r) => r.archived === archived && Number(r.id) >= after)
      .sort((a, b) => Number(a.id) - Number(b.id))
    const page = all.slice(0, limit)
    const next = all[limit]
    return c.json({
      results: page.map((r) => {
        const item = toApiObject(type, r, properties)
        const associations = withTypes.flatMap((to) => {
          const ids = associatedIds(portal, type, r.id, to)
          return ids.length === 0 ? [] : [[to, inlineAssociations(type, to, ids)] as const]
        })
        return associations.length === 0
          ? item
          : { ...item, associations: Object.fromEntries(associations) }
      }),
      ...(next ? { paging: { next: { after: next.id, link: `?after=${next.id}` } } } : {}),
    })
  })

  app.get('/crm/v3/objects/:type/:id', (c) => {
    const type = c.req.param('type')
    if (!isObjectType(type)) return c.json(badRequest(`Unknown object type ${type}`), 400)
    const record = portal.records[type].get(c.req.param('id'))
    const archived = c.req.query('archived') === 'true'
    if (!record || record.archived !== archived) {
      return c.json(errorBody('OBJECT_NOT_FOUND', 'resource not found'), 404)
    }
    return c.json(toApiObject(type, record, parsePropertyList(c.req.queries('properties'))))
  })

  app.post('/crm/v3/objects/:type/batch/read', async (c) => {
    const type = c.req.param('type')
    if (!isObjectType(type)) return c.json(badRequest(`Unknown object type ${type}`), 400)
    const body = (await c.req.json()) as { inputs?: { id: string }[]; properties?: string[] }
    const inputs = body.inputs ?? []
    if (inputs.length > 100) return c.json(badRequest('Batch read is limited to 100 inputs'), 400)
    const archived = c.req.query('archived') === 'true'
    const at = new Date(now()).toISOString()
    const results = inputs
      .map((i) => portal.records[type].get(String(i.id)))
      .filter((r) => r !== undefined && r.archived === archived)
      .map((r) => toApiObject(type, r!, body.properties ?? []))
    return c.json({ status: 'COMPLETE', results, startedAt: at, completedAt: at })
  })

  app.post('/crm/v3/objects/:type/search', async (c) => {
    const type = c.req.param('type')
    if (!isObjectType(type)) return c.json(badRequest(`Unknown object type ${type}`), 400)
    counters.searches++
    refreshSearchIndex(portal, now())
    const body = (await c.req.json()) as SearchRequest
    try {
      const { total, page, next } = runSearch(portal.searchIndex[type].values(), body)
      return c.json({
        total,
        results: page.map((r) => toApiObject(type, r, body.properties ?? [])),
        ...(next !== null ? { paging: { next: { after: next } } } : {}),
      })
    } catch (error) {
      if (error instanceof SearchError) return c.json(badRequest(error.message), 400)
      throw error
    }
  })

  // docs: "Associations v4" › retrieve associated records.
  app.get('/crm/v4/objects/:type/:id/associations/:toType', (c) => {
    const from = objectTypeOf(c.req.param('type'))
    const to = objectTypeOf(c.req.param('toType'))
    if (!from || !to) return c.json(badRequest('Unknown object type'), 400)
    const limit = Math.min(500, Number(c.req.query('limit') ?? 500))
    const ids = associatedIds(portal, from, c.req.param('id'), to)
    const start = Number(c.req.query('after') ?? 0)
    const slice = ids.slice(start, start + limit)
    return c.json({
      results: slice.map((id) => associationEntry(from, to, id)),
      ...(start + limit < ids.length ? { paging: { next: { after: String(start + limit) } } } : {}),
    })
  })

  // Records with no association come back in `errors` with a 207 (docs: "Associations v4" › batch read).
  app.post('/crm/v4/associations/:from/:to/batch/read', async (c) => {
    const from = objectTypeOf(c.req.param('from'))
    const to = objectTypeOf(c.req.param('to'))
    if (!from || !to) return c.json(badRequest('Unknown object type'), 400)
    const body = (await c.req.json()) as { inputs?: { id: string }[] }
    const inputs = body.inputs ?? []
    if (inputs.length > 1000) return c.json(badRequest('Batch read is limited to 1000 inputs'), 400)
    const at = new Date(now()).toISOString()
    const results = []
    const errors = []
    for (const { id } of inputs) {
      const ids = associatedIds(portal, from, String(id), to)
      if (ids.length === 0) {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          message: `No ${to} is associated with ${from} ${id}.`,
          context: { fromObjectId: [String(id)] },
          links: {},
          errors: [],
        })
        continue
      }
      results.push({
        from: { id: String(id) },
        to: ids.map((toId) => associationEntry(from, to, toId)),
      })
    }
    const payload = { status: 'COMPLETE', results, startedAt: at, completedAt: at }
    if (errors.length === 0) return c.json(payload)
    return c.json({ ...payload, numErrors: errors.length, errors }, 207)
  })

  registerTasks(app, portal, now)
  app.get('/crm/v3/pipelines/tickets', (c) => c.json(pipelinesResponse(portalCreatedAt)))
  app.get('/crm/v3/properties/feedback_submissions', (c) =>
    c.json(feedbackPropertiesResponse(portalCreatedAt)),
  )

  app.notFound((c) => c.json(errorBody('OBJECT_NOT_FOUND', 'Not found'), 404))

  const mutate = {
    update: (type: ObjectType, id: string, properties: Record<string, string | null>) =>
      updateRecord(portal, type, id, properties, now()).id,
    archive: (type: ObjectType, id: string) => archiveRecord(portal, type, id, now()).id,
    /** The loser is archived and listed in the survivor's `hs_merged_object_ids`. */
    merge: (survivorId: string, loserId: string) =>
      mergeContacts(portal, survivorId, loserId, now()),
    privacyDelete: (contactId: string) => privacyDelete(portal, contactId, now()),
    createContact: (properties: Record<string, string | null>) =>
      createRecord(portal, 'contacts', properties, now(), now()).id,
    /** An import of `count` new contacts, all sharing ONE modification timestamp (now). */
    bulkImport(count: number): string[] {
      const at = now()
      const ids: string[] = []
      for (let i = 0; i < count; i++) {
        const n = String(i + 1).padStart(6, '0')
        const record = createRecord(
          portal,
          'contacts',
          { email: `import.${n}@bulk.example`, firstname: 'Import', lastname: n },
          at,
          at,
        )
        ids.push(record.id)
      }
      return ids
    },
    /** The next `statuses.length` requests fail with these statuses, in order. */
    failNext: (...statuses: number[]) => {
      forcedFailures = forcedFailures.concat(statuses)
    },
  }

  /** What a correct sync must end up with, read from the portal itself. */
  function groundTruth() {
    const byType = (type: ObjectType) => [...portal.records[type].values()]
    return {
      portalId: options.portalId ?? '4242424',
      people: generated.people as readonly SandboxPerson[],
      personOfContact: new Map(personOfContact),
      live: Object.fromEntries(
        OBJECT_TYPES.map((t) => [
          t,
          byType(t)
            .filter((r) => !r.archived)
            .map((r) => r.id),
        ]),
      ) as Record<ObjectType, string[]>,
      archived: Object.fromEntries(
        OBJECT_TYPES.map((t) => [
          t,
          byType(t)
            .filter((r) => r.archived)
            .map((r) => r.id),
        ]),
      ) as Record<ObjectType, string[]>,
      merges: portal.merges.map((m) => ({ ...m })),
      privacyDeleted: byType('contacts')
        .filter((r) => r.privacyDeleted)
        .map((r) => r.id),
      associations: (from: ObjectType, id: string, to: ObjectType) =>
        associatedIds(portal, from, id, to),
      record: (type: ObjectType, id: string) =>
        structuredClone(portal.records[type].get(id) ?? null),
    }
  }

  return {
    app,
    portalId,
    counters,
    mutate,
    groundTruth,
    /** OAuth: `store`, `setAccessTtl(s)`, `uninstall()`, `approve(url)` (plays the admin). */
    oauth: {
      ...oauth,
      approve: (url: string, decision: 'approve' | 'deny' = 'approve') =>
        oauth.approve(app, url, decision),
    },
  }
}
