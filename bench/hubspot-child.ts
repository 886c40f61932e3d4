// The HubSpot sandbox in its own process (forked by bench/hubspot.ts), on a clock that runs
// `timeScale`× faster than real time, so HubSpot's windows (10 s, 1 s search, search lag, the
// connector's lookback and sweep) all shrink by the same factor. Answers IPC like sandbox-child.ts.
import { createHubSpotSandbox } from '../connectors/hubspot/sandbox/app.ts'
import { generatePeople } from '../connectors/hubspot/sandbox/people.ts'
import type { ObjectType } from '../connectors/hubspot/sandbox/portal.ts'
import { answerParent } from './fork-child.ts'
import { expectedBodies } from './hubspot-bodies.ts'
import { expectedHubSpotViews } from './hubspot-views.ts'
import type {
  HubSpotChildConfig,
  HubSpotChildRequest,
  HubSpotCounters,
  HubSpotInfo,
  HubSpotMutation,
  HubSpotMutationResult,
  HubSpotTruth,
  TruthRow,
} from './hubspot-protocol.ts'
import { fastNow } from './hubspot-protocol.ts'
import { serveApp } from './serve-app.ts'

const config = JSON.parse(process.argv[2] ?? '{}') as HubSpotChildConfig
const now = () => fastNow(config)

const generationStart = performance.now()
const sandbox = createHubSpotSandbox({
  seed: config.seed,
  people: generatePeople(config.seed, config.people),
  hubspotOnly: config.hubspotOnly,
  companies: config.companies,
  now,
})
const generationMs = performance.now() - generationStart

let counters: HubSpotCounters = { total: 0, byEndpoint: {}, byStatus: {} }
// The connector's endpoint names are these literal paths (no ids in them), so they line up.
const counting = {
  fetch: async (request: Request) => {
    const endpoint = `${request.method} ${new URL(request.url).pathname}`
    counters.total++
    counters.byEndpoint[endpoint] = (counters.byEndpoint[endpoint] ?? 0) + 1
    const response = await sandbox.app.fetch(request)
    counters.byStatus[response.status] = (counters.byStatus[response.status] ?? 0) + 1
    return response
  },
}
const running = await serveApp(counting)

/** Deterministic picks: every k-th id of a sorted list, skipping ids already used. */
function pick(ids: string[], count: number, used: Set<string>): string[] {
  const free = ids.filter((id) => !used.has(id))
  const step = Math.max(1, Math.floor(free.length / Math.max(1, count)))
  const out: string[] = []
  for (let i = 0; i < free.length && out.length < count; i += step) {
    out.push(free[i] as string)
    used.add(free[i] as string)
  }
  return out
}

/** One real ms (600 portal ms at 600×): users' edits land at distinct times, as they do live. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

async function mutate(m: HubSpotMutation): Promise<HubSpotMutationResult> {
  const truth = sandbox.groundTruth()
  const live = (t: ObjectType) => [...truth.live[t]].sort((a, b) => Number(a) - Number(b))
  const used = new Set<string>()
  const contacts = live('contacts')
  const tickets = live('tickets')
  const feedback = live('feedback_submissions')
  const result: HubSpotMutationResult = {
    at: now(),
    contacts: { updated: [], merged: [], privacyDeleted: [], imported: [] },
    tickets: { updated: [], archived: [] },
    feedback_submissions: { updated: [] },
  }
  for (const id of pick(contacts, m.updatedContacts, used)) {
    result.contacts.updated.push(sandbox.mutate.update('contacts', id, { hs_language: 'en' }))
    await tick()
  }
  for (const id of pick(tickets, m.updatedTickets, used)) {
    result.tickets.updated.push(
      sandbox.mutate.update('tickets', id, { hs_ticket_priority: 'HIGH' }),
    )
    await tick()
  }
  for (const id of pick(tickets, m.archivedTickets, used)) {
    result.tickets.archived.push(sandbox.mutate.archive('tickets', id))
    await tick()
  }
  for (const id of pick(feedback, m.updatedFeedback, used)) {
    result.feedback_submissions.updated.push(
      sandbox.mutate.update('feedback_submissions', id, { hs_sentiment: 'NEUTRAL' }),
    )
    await tick()
  }
  const pairs = pick(contacts, m.merges * 2, used)
  for (let i = 0; i + 1 < pairs.length; i += 2) {
    const [survivor, loser] = [pairs[i] as string, pairs[i + 1] as string]
    sandbox.mutate.merge(survivor, loser)
    result.contacts.merged.push({ survivor, loser })
    await tick()
  }
  for (const id of pick(contacts, m.privacyDeletions, used)) {
    sandbox.mutate.privacyDelete(id)
    result.contacts.privacyDeleted.push(id)
    await tick()
  }
  result.contacts.imported = sandbox.mutate.bulkImport(m.bulkImport)
  return result
}

function compactTruth(): HubSpotTruth {
  const truth = sandbox.groundTruth()
  const erased = new Set(truth.privacyDeleted)
  const rowsOf = (type: ObjectType): TruthRow[] =>
    [...truth.live[type], ...truth.archived[type]]
      .sort((a, b) => Number(a) - Number(b))
      .map((id) => {
        const record = truth.record(type, id)
        if (!record) throw new Error(`no ${type} ${id}`)
        const first = (to: ObjectType) => truth.associations(type, id, to)[0] ?? ''
        const contact =
          type === 'tickets' || type === 'feedback_submissions' ? first('contacts') : ''
        const other =
          type === 'tickets'
            ? first('companies')
            : type === 'feedback_submissions'
              ? first('tickets')
              : type === 'contacts'
                ? first('companies')
                : ''
        // The version cxlens stores: an archive is a change even where HubSpot keeps the
        // modification time (connectors/hubspot/mappers/refs.ts versionTime).
        const version =
          record.archived && record.archivedAt !== null
            ? Math.max(record.updatedAt, record.archivedAt)
            : record.updatedAt
        return [id, version, record.archived ? 1 : 0, erased.has(id) ? 1 : 0, contact, other]
      })
  return {
    portalId: truth.portalId,
    rows: {
      companies: rowsOf('companies'),
      contacts: rowsOf('contacts'),
      tickets: rowsOf('tickets'),
      feedback_submissions: rowsOf('feedback_submissions'),
    },
    merges: truth.merges.map(({ survivor, loser }) => ({ survivor, loser })),
  }
}

answerParent((request: HubSpotChildRequest) => {
  switch (request.type) {
    case 'mutate':
      return mutate(request.args)
    case 'counters':
      return structuredClone(counters)
    case 'reset':
      counters = { total: 0, byEndpoint: {}, byStatus: {} }
      return null
    case 'truth':
      return compactTruth()
    case 'bodies':
      return expectedBodies(sandbox)
    case 'views':
      return expectedHubSpotViews(sandbox)
    case 'memory':
      return { maxRssKb: process.resourceUsage().maxRSS, rss: process.memoryUsage().rss }
  }
})
process.on('disconnect', () => void running.close().then(() => process.exit(0)))

const info: HubSpotInfo = {
  url: running.url,
  token: 'sandbox-token',
  portalId: sandbox.portalId,
  generationMs,
}
process.send?.({ id: 0, result: info })
