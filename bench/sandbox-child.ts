// The Zendesk sandbox in its own process (forked by bench/run.ts), so the sync's memory and CPU are
// measured apart from the sandbox's. Answers IPC requests `{ id, type, args }` with `{ id, result }`.
import { isArchived } from '../connectors/zendesk/sandbox/routes/list-endpoints.ts'
import { createZendeskSandbox } from '../connectors/zendesk/sandbox/app.ts'
import type { MutationResult } from '../connectors/zendesk/sandbox/mutate.ts'
import { ulidTime } from '../connectors/zendesk/sandbox/prng.ts'
import type { ChildRequest, CompactTruth, SandboxInfo, StreamTruth } from './protocol.ts'
import { serveApp } from './serve-app.ts'
import { answerParent } from './fork-child.ts'
import { expectedZendeskBodies } from './zendesk-bodies.ts'
import { expectedZendeskViews } from './zendesk-views.ts'

const config = JSON.parse(process.argv[2] ?? '{}') as {
  seed: number
  users: number
  tickets: number
  timeScale: number
}

const generationStart = performance.now()
// As startZendeskSandbox (connectors/zendesk/sandbox/serve.ts), served with the bench's keep-alive.
const sandbox = createZendeskSandbox({
  now: Date.now(),
  clock: () => Date.now(),
  seed: config.seed,
  users: config.users,
  tickets: config.tickets,
  rateLimits: { timeScale: config.timeScale },
})
const generationMs = performance.now() - generationStart
const running = await serveApp(sandbox.app)
// The sandbox clock: real time plus an offset that `advance` grows (past the export's last minute).
let offsetMs = 0
sandbox.setClock(() => Date.now() + offsetMs)

/** Read from the account directly: `groundTruth()` deep-copies 100k tickets for nothing here. */
function compactTruth(): CompactTruth {
  const { account } = sandbox.state
  const now = sandbox.state.now()
  const byId = <T extends { id: number }>(m: Map<number, T>) =>
    [...m.values()].sort((a, b) => a.id - b.id)
  const ratings = [...account.ratings.values()]
  return {
    asOf: now,
    tickets: byId(account.tickets).map((t) => [
      t.id,
      t.updated_at,
      t.status === 'deleted' ? 1 : 0,
      t.status !== 'deleted' && isArchived(t, now) ? 1 : 0,
    ]),
    users: account.users.size,
    organizations: account.organizations.size,
    satisfactionRatings: ratings.length,
    receivedRatings: ratings.filter((r) => r.score === 'good' || r.score === 'bad').length,
    surveyResponses: account.surveyResponses.size,
  }
}

/**
 * Records each stream must read, from the account itself: all of them (`sinceMs` null, a
 * backfill), or those changed at or after `sinceMs`. The CSAT lists filter on creation time only,
 * so a changed rating costs every rating created since the oldest changed one.
 */
let lastMutation: MutationResult | null = null

function streamTruth(sinceMs: number | null): StreamTruth {
  const { account } = sandbox.state
  const at = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN)
  const changed = (...times: (string | null | undefined)[]) =>
    sinceMs === null || times.some((t) => at(t) >= sinceMs)
  // New answers can carry an earlier creation time (answered before they reach the API): the
  // mutation's own list of new ones counts as changed too.
  const fromOldestChanged = <T extends { id: string | number }>(
    items: T[],
    created: (i: T) => number,
    updated: (i: T) => number,
    added: readonly (string | number)[],
  ) => {
    if (sinceMs === null) return items.length
    const isNew = new Set(added)
    const changedItems = items.filter((i) => updated(i) >= sinceMs || isNew.has(i.id))
    const oldest = Math.min(...changedItems.map(created))
    return Number.isFinite(oldest) ? items.filter((i) => created(i) >= oldest).length : 0
  }
  // The survey list filters on the response's creation, which its ULID id carries.
  const createdAt = (r: { id: string }) => ulidTime(r.id)
  return {
    organizations: [...account.organizations.values()].filter((o) =>
      changed(o.updated_at, o.deleted_at),
    ).length,
    users: [...account.users.values()].filter((u) => changed(u.updated_at)).length,
    tickets: [...account.tickets.values()].filter((t) => changed(t.updated_at)).length,
    // The connector lists received ratings only (`score=received`): offered ones are no answers.
    satisfaction_ratings: fromOldestChanged(
      [...account.ratings.values()].filter((r) => r.score === 'good' || r.score === 'bad'),
      (r) => at(r.created_at),
      (r) => at(r.updated_at),
      lastMutation?.ratings ?? [],
    ),
    survey_responses: fromOldestChanged(
      [...account.surveyResponses.values()],
      createdAt,
      createdAt,
      lastMutation?.surveyResponses ?? [],
    ),
  }
}

function handle(request: ChildRequest): unknown {
  switch (request.type) {
    case 'mutate':
      lastMutation = sandbox.mutate(request.args)
      return lastMutation
    case 'advance':
      offsetMs += request.args.ms
      return { offsetMs, now: sandbox.state.now() }
    case 'counters':
      return structuredClone(sandbox.state.requests)
    case 'reset':
      sandbox.resetCounters()
      return null
    case 'rate-limits':
      sandbox.setRateLimits(request.args)
      return null
    case 'truth':
      return compactTruth()
    case 'stream-truth':
      // Vendor timestamps have whole seconds: a change at 12:00:00.700 reads 12:00:00.
      return streamTruth(
        request.args.sinceMs === null ? null : Math.floor(request.args.sinceMs / 1000) * 1000,
      )
    case 'memory':
      return { maxRssKb: process.resourceUsage().maxRSS, rss: process.memoryUsage().rss }
    case 'bodies':
      return expectedZendeskBodies(sandbox, request.args.account)
    case 'views':
      return expectedZendeskViews(sandbox)
  }
}

answerParent(handle)
process.on('disconnect', () => void running.close().then(() => process.exit(0)))

const info: SandboxInfo = {
  url: running.url,
  email: sandbox.credentials.email,
  apiToken: sandbox.credentials.apiToken,
  generationMs,
  rssBytes: process.memoryUsage().rss,
}
process.send?.({ id: 0, result: info })
