import { createHubSpotConnector } from '../../../connectors/hubspot/index.ts'
import { createHubSpotSandbox } from '../../../connectors/hubspot/sandbox/app.ts'
import { peopleFromZendeskUsers } from '../../../connectors/hubspot/sandbox/from-zendesk.ts'
import { createZendeskConnector } from '../../../connectors/zendesk/index.ts'
import { createZendeskSandbox } from '../../../connectors/zendesk/sandbox/app.ts'
import { generateAccount } from '../../../connectors/zendesk/sandbox/generate.ts'
import type { Connector } from '../../../core/sync/types.ts'
import { openNodeSqlite } from '../../../core/store/node-sqlite.ts'
import { TenantStore } from '../../../core/store/index.ts'
import { createFakeClock } from '../../../core/sync/fake-clock.ts'
import { createHttpClient, type CountingHttpClient } from '../../../core/sync/http.ts'
import { createRateBudget } from '../../../core/sync/rate-budget.ts'
import { runSlice } from '../../../core/sync/run-slice.ts'

/**
 * Both sandboxes sharing their customers, the real connectors, the engine's HTTP client over each
 * sandbox's `app.fetch`, runSlice and a TenantStore on node:sqlite, all on one fake clock (rate-limit
 * waits and sweeps cost no real time).
 */

export const ZENDESK_ACCOUNT = 'cxlens-sandbox'
export const ZENDESK_URL = 'http://zendesk.test'
export const HUBSPOT_URL = 'http://hubspot.test'
export const CONNECTIONS = { zendesk: 'zd', hubspot: 'hs' } as const
export type Tool = keyof typeof CONNECTIONS

export interface WorldOptions {
  seed?: number
  users?: number
  tickets?: number
}

export function createWorld(options: WorldOptions = {}) {
  const seed = options.seed ?? 5
  const account = generateAccount({
    seed,
    users: options.users ?? 40,
    tickets: options.tickets ?? 90,
    years: 2,
  })
  const zendesk = createZendeskSandbox({ seed, account })
  // Start a day after both generated histories end; the sandboxes and the engine share this clock.
  const clock = createFakeClock(zendesk.state.now() + 86_400_000)
  zendesk.setClock(() => clock.now())
  const hubspot = createHubSpotSandbox({
    seed,
    now: clock.now,
    people: peopleFromZendeskUsers(zendesk.groundTruth().users),
    hubspotOnly: 8,
    companies: 6,
  })

  const route = (request: Request): Response | Promise<Response> => {
    const { origin } = new URL(request.url)
    if (origin === ZENDESK_URL) return zendesk.app.fetch(request)
    if (origin === HUBSPOT_URL) return hubspot.app.fetch(request)
    throw new Error(`no sandbox at ${origin}`)
  }
  const fetchBoth = (async (input: RequestInfo | URL, init?: RequestInit) =>
    route(new Request(input, init))) as typeof fetch

  const connectors: Record<Tool, Connector> = {
    zendesk: createZendeskConnector({
      account: ZENDESK_ACCOUNT,
      baseUrl: ZENDESK_URL,
      auth: {
        kind: 'api_token',
        email: zendesk.credentials.email,
        token: zendesk.credentials.apiToken,
      },
      pageSize: 25,
      hubspotAccount: hubspot.portalId,
    }),
    hubspot: createHubSpotConnector({
      account: hubspot.portalId,
      baseUrl: HUBSPOT_URL,
      auth: { kind: 'private_app', token: 'sandbox-token' },
    }),
  }
  const http: Record<Tool, CountingHttpClient> = {
    zendesk: createHttpClient({
      fetch: fetchBoth,
      budget: createRateBudget(connectors.zendesk.rateBuckets, clock),
      clock,
    }),
    hubspot: createHttpClient({
      fetch: fetchBoth,
      budget: createRateBudget(connectors.hubspot.rateBuckets, clock),
      clock,
      classifyRateLimit: connectors.hubspot.classifyRateLimit,
    }),
  }
  return { seed, zendesk, hubspot, clock, connectors, http }
}

export type World = ReturnType<typeof createWorld>

export function openStore(world: World): TenantStore {
  const store = new TenantStore(openNodeSqlite(), { clock: world.clock })
  store.migrate()
  store.putConnection({
    id: CONNECTIONS.zendesk,
    source: 'zendesk',
    account: ZENDESK_ACCOUNT,
    baseUrl: ZENDESK_URL,
    credentials: null,
    settings: {},
  })
  store.putConnection({
    id: CONNECTIONS.hubspot,
    source: 'hubspot',
    account: world.hubspot.portalId,
    baseUrl: HUBSPOT_URL,
    credentials: null,
    settings: {},
  })
  return store
}

/** One bounded slice of one tool's sync; a parked stream moves the clock to its retry time. */
export async function syncSlice(world: World, store: TenantStore, tool: Tool, maxRequests = 20) {
  const result = await runSlice({
    store,
    connectionId: CONNECTIONS[tool],
    connector: world.connectors[tool],
    http: world.http[tool],
    options: { maxRequests, maxMillis: 120_000, now: world.clock.now },
  })
  if (result.errors.length > 0) {
    throw new Error(`${tool} slice failed: ${JSON.stringify(result.errors)}`)
  }
  if (result.retryAt !== null && result.retryAt > world.clock.now()) {
    world.clock.advance(result.retryAt - world.clock.now())
  }
  return result
}

/** Runs one tool's sync run to its end (every stream caught up). */
export async function syncToEnd(world: World, store: TenantStore, tool: Tool) {
  for (let i = 0; i < 1000; i++) {
    const result = await syncSlice(world, store, tool)
    if (result.done) return
  }
  throw new Error(`${tool}: sync never finished`)
}

/** Both tools, one after the other, in the order given. */
export async function syncAll(
  world: World,
  store: TenantStore,
  order: Tool[] = ['zendesk', 'hubspot'],
) {
  for (const tool of order) await syncToEnd(world, store, tool)
}

/**
 * Lets the vendors' changes become visible to polling: Zendesk's exports hold back the last minute,
 * HubSpot's search lags writes and its archived list is swept every 15 minutes.
 */
export function letChangesSettle(world: World) {
  world.clock.advance(16 * 60_000)
}
