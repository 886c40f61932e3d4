// Each HubSpot customer's key figures from the sandbox's portal alone, for the views check
// (bench/views-check.ts). Independent of core: the bench's own grouping and counting, by the rules
// core/identity/README.md and core/model document. Runs in the sandbox process (hubspot-child.ts).
import { DEFAULT_SCALES } from '../connectors/hubspot/mappers/scales.ts'
import type { createHubSpotSandbox } from '../connectors/hubspot/sandbox/app.ts'
import type { CrmRecord, ObjectType } from '../connectors/hubspot/sandbox/portal.ts'
import { pipelinesResponse } from '../connectors/hubspot/sandbox/settings.ts'
import {
  groupCustomers,
  meanOf,
  percentOf,
  type GroupedPerson,
  type ViewFigures,
} from './views-check.ts'

interface Answer {
  id: string
  kind: 'nps' | 'csat' | 'ces'
  /** CSAT: one answer per ticket and survey counts, the latest. */
  key: string | null
  at: number
  score: number
  scale: { min: number; max: number }
  respondent: string | null
  ticket: string | null
}

const KINDS: Record<string, Answer['kind']> = { NPS: 'nps', CSAT: 'csat', CES: 'ces' }
const member = (id: string) => `hubspot:contact:${id}`

/**
 * Customers of the portal's contacts: live ones, and merged-away ones (archived; HubSpot lists them
 * in the survivor's `hs_merged_object_ids`) joined to their survivor. Privacy-deleted contacts are
 * erased with their tickets and the answers by them or about those tickets. Emails and phones
 * cannot join two contacts of one portal (held twice, they are a shared line).
 */
export function expectedHubSpotViews(
  sandbox: ReturnType<typeof createHubSpotSandbox>,
): ViewFigures[] {
  const truth = sandbox.groundTruth()
  const record = (type: ObjectType, id: string) => truth.record(type, id) as CrmRecord
  const first = (type: ObjectType, id: string, to: ObjectType) =>
    truth.associations(type, id, to)[0] ?? null
  const erased = new Set(truth.privacyDeleted)
  const survivorOf = new Map(truth.merges.map((m) => [m.loser, m.survivor]))

  const people: GroupedPerson[] = []
  for (const id of truth.live.contacts) {
    const p = record('contacts', id).properties
    const emails = [p.email, ...(p.hs_additional_emails ?? '').split(';')]
      .map((e) => (e ?? '').trim().toLowerCase())
      .filter(Boolean)
    const phones = [p.phone, p.mobilephone]
      .map((v) => (v ?? '').replace(/[^\d+]/g, ''))
      .filter(Boolean)
    people.push({
      member: member(id),
      live: true,
      account: 'hubspot',
      keys: [...emails.map((e) => `email:${e}`), ...phones.map((v) => `phone:${v}`)],
    })
  }
  for (const id of truth.archived.contacts) {
    const survivor = survivorOf.get(id)
    if (survivor === undefined || erased.has(id)) continue
    people.push({
      member: member(id),
      live: false,
      account: 'hubspot',
      keys: [`ref:${member(survivor)}`],
    })
  }

  // Open or closed by the stage's `metadata.isClosed`, as the pipelines endpoint serves it.
  const closedStage = new Set<string>()
  for (const pipeline of pipelinesResponse(0).results)
    for (const stage of pipeline.stages)
      if (stage.metadata.isClosed === 'true') closedStage.add(`${pipeline.id}|${stage.id}`)
  const erasedTickets = new Set<string>()
  const ticketsBy = new Map<string, { id: string; open: boolean }[]>()
  for (const id of truth.live.tickets) {
    const requester = first('tickets', id, 'contacts')
    if (requester === null) continue
    if (erased.has(requester)) {
      erasedTickets.add(id)
      continue
    }
    const p = record('tickets', id).properties
    const list = ticketsBy.get(member(requester)) ?? []
    list.push({ id, open: !closedStage.has(`${p.hs_pipeline}|${p.hs_pipeline_stage}`) })
    ticketsBy.set(member(requester), list)
  }
  for (const id of truth.archived.tickets) {
    const requester = first('tickets', id, 'contacts')
    if (requester !== null && erased.has(requester)) erasedTickets.add(id)
  }

  const answers: Answer[] = []
  for (const id of truth.live.feedback_submissions) {
    const p = record('feedback_submissions', id).properties
    const kind = KINDS[(p.hs_survey_type ?? '').trim().toUpperCase()]
    if (!kind) continue
    const respondent = first('feedback_submissions', id, 'contacts')
    const ticket = first('feedback_submissions', id, 'tickets')
    if ((respondent !== null && erased.has(respondent)) || (ticket && erasedTickets.has(ticket)))
      continue
    const at = p.hs_submission_timestamp ?? p.hs_createdate
    answers.push({
      id,
      kind,
      key: ticket === null ? null : `${p.hs_survey_id}|${ticket}`,
      at: at ? Date.parse(at) : record('feedback_submissions', id).createdAt,
      score: Number(p.hs_value),
      scale: DEFAULT_SCALES.byType[kind] as { min: number; max: number },
      respondent,
      ticket,
    })
  }
  const answersBy = new Map<string, Answer[]>()
  const answersOfTicket = new Map<string, Answer[]>()
  for (const a of answers) {
    if (a.respondent !== null) {
      const list = answersBy.get(member(a.respondent)) ?? []
      list.push(a)
      answersBy.set(member(a.respondent), list)
    }
    if (a.ticket !== null) {
      const list = answersOfTicket.get(a.ticket) ?? []
      list.push(a)
      answersOfTicket.set(a.ticket, list)
    }
  }

  const live = new Set(truth.live.contacts.map(member))
  return groupCustomers(people).map((group): ViewFigures => {
    const tickets = group.flatMap((m) => ticketsBy.get(m) ?? [])
    const mine = new Map<string, Answer>()
    for (const a of [
      ...group.flatMap((m) => answersBy.get(m) ?? []),
      ...tickets.flatMap((t) => answersOfTicket.get(t.id) ?? []),
    ])
      mine.set(a.id, a)
    const byTime = [...mine.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
    const nps = byTime.filter((a) => a.kind === 'nps')
    const latestNps = nps.at(-1)
    const csat = latestPerTicket(byTime.filter((a) => a.kind === 'csat'))
    const ces = byTime.filter((a) => a.kind === 'ces')
    const above = (a: Answer) => a.score - a.scale.min > a.scale.max - a.score
    const open = tickets.filter((t) => t.open).length
    return {
      members: group.filter((m) => live.has(m)),
      npsCount: nps.length,
      npsLatest: latestNps
        ? { score: latestNps.score, at: new Date(latestNps.at).toISOString() }
        : null,
      csatCount: csat.length,
      csatSatisfiedPercent: percentOf(csat.filter(above).length, csat.length),
      cesCount: ces.length,
      cesAverage: meanOf(ces.map((a) => (a.score - a.scale.min) / (a.scale.max - a.scale.min))),
      openTotal: open,
      openByTool: open > 0 ? { hubspot: open } : ({} as Record<string, number>),
    }
  })
}

/** The latest answer per ticket and survey (a re-rating supersedes); answers without a ticket stay. */
function latestPerTicket(answers: Answer[]): Answer[] {
  const latest = new Map<string, Answer>()
  for (const a of answers) if (a.key !== null) latest.set(a.key, a)
  return answers.filter((a) => a.key === null || latest.get(a.key) === a)
}
