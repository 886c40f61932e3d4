// Each Zendesk customer's key figures from the sandbox's account alone, for the views check
// (bench/views-check.ts). Independent of core: the bench's own grouping and counting, by the rules
// core/identity/README.md and core/model document. Runs in the sandbox process.
import type { ZendeskSandbox } from '../connectors/zendesk/sandbox/app.ts'
import { groupCustomers, percentOf, type GroupedPerson, type ViewFigures } from './views-check.ts'

const OPEN = new Set(['new', 'open', 'pending', 'hold'])

interface Answer {
  id: string
  /** One answer per ticket and survey counts: the latest (Zendesk: a re-rating supersedes). */
  key: string
  at: number
  respondent: number
  ticket: number
  satisfied: boolean
}

/**
 * Customers of the account's live end users (active, role end-user). Emails and phones cannot join
 * two identities of one account (held twice, they are a shared line), so here customers join only
 * by external id; the bench's connector has no HubSpot portal, so `hubspot_contact_id` links none.
 */
export function expectedZendeskViews(sandbox: ZendeskSandbox): ViewFigures[] {
  const data = sandbox.state.account
  const member = (userId: number) => `zendesk:user:${userId}`
  const people: GroupedPerson[] = [...data.users.values()]
    .filter((u) => u.role === 'end-user' && u.active)
    .map((u) => ({
      member: member(u.id),
      live: true,
      account: 'zendesk',
      keys: [
        ...(u.email ? [`email:${u.email.trim().toLowerCase()}`] : []),
        ...(u.phone ? [`phone:${u.phone.replace(/[^\d+]/g, '')}`] : []),
        ...(u.external_id?.trim() ? [`ext:${u.external_id.trim()}`] : []),
      ],
    }))

  const ticketsBy = new Map<string, { id: number; open: boolean }[]>()
  for (const t of data.tickets.values()) {
    if (t.status === 'deleted') continue
    const list = ticketsBy.get(member(t.requester_id)) ?? []
    list.push({ id: t.id, open: OPEN.has(t.status) })
    ticketsBy.set(member(t.requester_id), list)
  }

  const answers: Answer[] = []
  for (const r of data.ratings.values()) {
    if (r.score !== 'good' && r.score !== 'bad') continue
    answers.push({
      id: `rating:${r.id}`,
      key: `legacy|${r.ticket_id}`,
      // A legacy rating counts from when it was given: its last update.
      at: Date.parse(r.updated_at),
      respondent: r.requester_id,
      ticket: r.ticket_id,
      satisfied: r.score === 'good',
    })
  }
  for (const r of data.surveyResponses.values()) {
    const rating = r.answers.find((a) => a.type === 'rating_scale')
    if (!rating || rating.type !== 'rating_scale') continue
    const points = data.surveyVersions.find((v) => v.version === r.survey_version)?.points
    if (!points) continue
    answers.push({
      id: `response:${r.id}`,
      key: `${r.survey_id}|${r.ticket_id}`,
      // Submitted when first answered (the response itself is created when offered).
      at: Math.min(...r.answers.map((a) => Date.parse(a.created_at))),
      respondent: r.responder_id,
      ticket: r.ticket_id,
      // Above the middle of its own 1..points scale.
      satisfied: rating.rating - 1 > points - rating.rating,
    })
  }

  // Each answer reaches its customer through its respondent or its ticket.
  const byRespondent = new Map<string, Answer[]>()
  const byTicket = new Map<number, Answer[]>()
  for (const a of answers) {
    byRespondent.set(member(a.respondent), [...(byRespondent.get(member(a.respondent)) ?? []), a])
    byTicket.set(a.ticket, [...(byTicket.get(a.ticket) ?? []), a])
  }

  return groupCustomers(people).map((members): ViewFigures => {
    const tickets = members.flatMap((m) => ticketsBy.get(m) ?? [])
    const latest = new Map<string, Answer>()
    for (const a of [
      ...members.flatMap((m) => byRespondent.get(m) ?? []),
      ...tickets.flatMap((t) => byTicket.get(t.id) ?? []),
    ]) {
      const seen = latest.get(a.key)
      if (!seen || a.at > seen.at || (a.at === seen.at && a.id > seen.id)) latest.set(a.key, a)
    }
    const csat = [...latest.values()]
    const open = tickets.filter((t) => t.open).length
    return {
      members,
      npsCount: 0,
      npsLatest: null,
      csatCount: csat.length,
      csatSatisfiedPercent: percentOf(csat.filter((a) => a.satisfied).length, csat.length),
      cesCount: 0,
      cesAverage: null,
      openTotal: open,
      openByTool: open > 0 ? { zendesk: open } : ({} as Record<string, number>),
    }
  })
}
