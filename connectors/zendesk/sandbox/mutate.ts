import { makeMetricSet, makeRatedAnswers, makeRating, makeSurveyResponse } from './generate.ts'
import { createRng, type Rng } from './prng.ts'
import type { SandboxState } from './state.ts'
import { iso, isoMs, MINUTE } from './time.ts'
import type { ZTicket, ZUser } from './types.ts'
import * as V from './vocab.ts'

export interface MutateOptions {
  newTickets?: number
  /** Status moves (new→open→pending→solved→closed, some solved tickets reopen). */
  updatedTickets?: number
  deletedTickets?: number
  newUsers?: number
  updatedUsers?: number
  /** Each merge deletes the losing end-user and moves their tickets to the winner. */
  userMerges?: number
  updatedOrganizations?: number
  deletedOrganizations?: number
  /** Legacy ratings on solved tickets (the ticket's `satisfaction_rating` changes too). */
  newRatings?: number
  /**
   * Received ratings whose customer changes their answer (good ↔ bad, new comment): the rating's
   * `updated_at` moves, its `created_at` stays, and its ticket's `satisfaction_rating` and
   * `updated_at` change with it.
   */
  changedRatings?: number
  /** Answered CSAT survey responses on solved tickets (the ticket is updated too). */
  newSurveyResponses?: number
  /** When it all happens (ms); default the sandbox clock. Every change shares this second. */
  at?: number
}

export interface MutationResult {
  at: number
  tickets: { created: number[]; updated: number[]; deleted: number[] }
  users: { created: number[]; updated: number[]; merged: { loser: number; winner: number }[] }
  organizations: { updated: number[]; deleted: number[] }
  ratings: number[]
  changedRatings: number[]
  surveyResponses: string[]
}

const NEXT_STATUS: Partial<Record<ZTicket['status'], ZTicket['status']>> = {
  new: 'open',
  open: 'pending',
  pending: 'solved',
  hold: 'open',
  solved: 'closed',
}

/** Applies changes at one instant; deterministic for a given seed and mutation number. */
export function applyMutation(
  state: SandboxState,
  options: MutateOptions,
  seed: number,
  n: number,
): MutationResult {
  const rng = createRng((seed * 7919 + n * 104729) >>> 0)
  const account = state.account
  const at = options.at ?? state.now()
  const stamp = iso(at)
  const base = `https://${account.subdomain}.zendesk.com/api/v2`
  const result: MutationResult = {
    at,
    tickets: { created: [], updated: [], deleted: [] },
    users: { created: [], updated: [], merged: [] },
    organizations: { updated: [], deleted: [] },
    ratings: [],
    changedRatings: [],
    surveyResponses: [],
  }
  const tickets = [...account.tickets.values()]
  const customers = [...account.users.values()].filter((u) => u.role === 'end-user' && u.active)
  const agents = [...account.users.values()].filter((u) => u.role !== 'end-user')
  const touch = (t: ZTicket) => {
    t.updated_at = stamp
    t.generated_timestamp = Math.floor(at / 1000)
    const m = account.metricSets.get(t.id)
    if (m) m.updated_at = stamp
  }
  const pickTickets = (count: number, ok: (t: ZTicket) => boolean): ZTicket[] => {
    const out = new Set<ZTicket>()
    const live = tickets.filter(ok)
    while (out.size < Math.min(count, live.length)) out.add(rng.pick(live))
    return [...out]
  }

  for (let i = 0; i < (options.newTickets ?? 0); i++) {
    const requester = rng.pick(customers)
    const t = newTicket(rng, state, requester, at, base)
    tickets.push(t)
    result.tickets.created.push(t.id)
  }
  for (const t of pickTickets(
    options.updatedTickets ?? 0,
    (t) => t.status !== 'closed' && t.status !== 'deleted',
  )) {
    const m = account.metricSets.get(t.id)
    if (t.status === 'solved' && rng.chance(0.3)) {
      t.status = 'open'
      if (m) {
        m.reopens++
        m.solved_at = null
      }
      if (!t.tags.includes('reopened')) t.tags = [...t.tags, 'reopened']
    } else {
      t.status = NEXT_STATUS[t.status] ?? t.status
      if (t.status === 'open' && t.assignee_id === null) t.assignee_id = rng.pick(agents).id
      if (m && t.status === 'solved') m.solved_at = stamp
      if (m && m.reply_time_in_minutes.calendar === null && t.status !== 'new') {
        const minutes = Math.max(1, Math.round((at - Date.parse(t.created_at)) / MINUTE))
        m.reply_time_in_minutes = { calendar: minutes, business: Math.round(minutes * 0.35) }
        m.replies = Math.max(1, m.replies)
      }
    }
    touch(t)
    result.tickets.updated.push(t.id)
  }
  for (const t of pickTickets(options.deletedTickets ?? 0, (t) => t.status !== 'deleted')) {
    t.status = 'deleted'
    touch(t)
    account.metricSets.delete(t.id)
    result.tickets.deleted.push(t.id)
  }
  for (let i = 0; i < (options.newUsers ?? 0); i++) {
    const template = rng.pick(customers)
    const id = account.nextId.user++
    const user: ZUser = {
      ...template,
      id,
      url: `${base}/users/${id}.json`,
      email: `new.${id % 100000}@${rng.pick(V.FREE_MAIL)}`,
      phone: null,
      created_at: stamp,
      updated_at: stamp,
      last_login_at: null,
      tags: [...template.tags],
      user_fields: { ...template.user_fields },
    }
    account.users.set(id, user)
    customers.push(user)
    result.users.created.push(id)
  }
  for (let i = 0; i < (options.updatedUsers ?? 0); i++) {
    const user = rng.pick(customers)
    user.phone =
      user.phone ??
      `+33 6 ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}`
    user.updated_at = stamp
    result.users.updated.push(user.id)
  }
  for (let i = 0; i < (options.userMerges ?? 0) && customers.length > 1; i++) {
    const loser = rng.pick(customers)
    const winner = rng.pick(customers.filter((u) => u !== loser))
    // Zendesk merges: the loser is deleted, its tickets move to the winner. [ref: "Merge End Users"]
    loser.active = false
    loser.updated_at = stamp
    winner.updated_at = stamp
    if (winner.phone === null) winner.phone = loser.phone
    customers.splice(customers.indexOf(loser), 1)
    for (const t of tickets) {
      if (t.requester_id !== loser.id && t.submitter_id !== loser.id) continue
      if (t.requester_id === loser.id) t.requester_id = winner.id
      if (t.submitter_id === loser.id) t.submitter_id = winner.id
      touch(t)
      if (!result.tickets.updated.includes(t.id)) result.tickets.updated.push(t.id)
    }
    for (const r of account.ratings.values())
      if (r.requester_id === loser.id) {
        r.requester_id = winner.id
        r.updated_at = stamp
      }
    for (const r of account.surveyResponses.values())
      if (r.responder_id === loser.id) r.responder_id = winner.id
    result.users.merged.push({ loser: loser.id, winner: winner.id })
  }
  const orgs = [...account.organizations.values()].filter((o) => !o.deleted_at)
  for (let i = 0; i < (options.updatedOrganizations ?? 0) && orgs.length > 0; i++) {
    const org = rng.pick(orgs)
    org.notes = `Updated ${stamp}`
    org.updated_at = stamp
    result.organizations.updated.push(org.id)
  }
  for (let i = 0; i < (options.deletedOrganizations ?? 0) && orgs.length > 0; i++) {
    const org = orgs.splice(rng.int(0, orgs.length - 1), 1)[0]
    if (!org) break
    org.deleted_at = stamp
    org.updated_at = stamp
    result.organizations.deleted.push(org.id)
  }
  const rateable = (t: ZTicket) => t.status === 'solved'
  for (const t of pickTickets(options.newRatings ?? 0, rateable)) {
    const requester = account.users.get(t.requester_id) as ZUser
    const assignee = t.assignee_id ? (account.users.get(t.assignee_id) ?? null) : null
    const rating = makeRating(rng, account, t.id, requester, assignee, at - 2 * 60 * MINUTE, base)
    rating.score = rng.chance(0.75) ? 'good' : 'bad'
    rating.created_at = stamp
    rating.updated_at = stamp
    t.satisfaction_rating = { score: rating.score, id: rating.id, comment: rating.comment }
    touch(t)
    result.ratings.push(rating.id)
  }
  // A customer can change a rating (Help Center "Using customer satisfaction ratings"); the rating
  // is the ticket's `satisfaction_rating` field, so the ticket is updated with it (OpenAPI
  // `TicketObject.satisfaction_rating`; that the change bumps the ticket's `updated_at` is not
  // stated in so many words [unverified], modeled as any ticket field change).
  // Closed tickets cannot be updated (Tickets API "Update Ticket"): only solved tickets' ratings.
  const received = [...account.ratings.values()].filter(
    (r) =>
      (r.score === 'good' || r.score === 'bad') &&
      account.tickets.get(r.ticket_id)?.status === 'solved',
  )
  for (let i = 0; i < (options.changedRatings ?? 0) && received.length > 0; i++) {
    const rating = received.splice(rng.int(0, received.length - 1), 1)[0]
    const t = rating ? account.tickets.get(rating.ticket_id) : undefined
    if (!rating || !t) continue
    rating.score = rating.score === 'good' ? 'bad' : 'good'
    rating.comment = rng.pick(rating.score === 'good' ? V.GOOD_COMMENTS : V.BAD_COMMENTS)
    rating.updated_at = stamp
    t.satisfaction_rating = { score: rating.score, id: rating.id, comment: rating.comment }
    touch(t)
    if (!result.tickets.updated.includes(t.id)) result.tickets.updated.push(t.id)
    result.changedRatings.push(rating.id)
  }
  // A survey response exists from the moment the survey is offered and takes answers until its
  // `expires_at` (API reference "CSAT survey responses"): new answers go first to responses
  // already offered and still open on solved tickets (closed ones cannot be updated), else to a
  // survey offered and answered now. The ticket is updated with the answer: Zendesk's guide
  // "Getting the CSAT ratings of tickets" finds answers through the ticket export for that reason
  // (an answer is a ticket update, its audit carries the response id).
  const open = [...account.surveyResponses.values()].filter(
    (r) =>
      r.answers.length === 0 &&
      Date.parse(r.expires_at) > at &&
      account.tickets.get(r.ticket_id)?.status === 'solved',
  )
  const wanted = options.newSurveyResponses ?? 0
  for (let i = 0; i < wanted && open.length > 0; i++) {
    const r = open.splice(rng.int(0, open.length - 1), 1)[0] as (typeof open)[number]
    const version = account.surveyVersions.find(
      (v) => v.id === r.survey_id && v.version === r.survey_version,
    )
    r.answers = makeRatedAnswers(rng, version?.points ?? 5, isoMs(at))
    touch(account.tickets.get(r.ticket_id) as ZTicket)
    result.surveyResponses.push(r.id)
  }
  const answered = new Set(
    result.surveyResponses.map((id) => account.surveyResponses.get(id)?.ticket_id),
  )
  const fresh = pickTickets(
    wanted - result.surveyResponses.length,
    (t) => rateable(t) && !answered.has(t.id),
  )
  for (const t of fresh) {
    const requester = account.users.get(t.requester_id) as ZUser
    const version = account.surveyVersions.length
    // Offered and answered at `at`; retry until it is answered with a rating.
    for (let attempt = 0; attempt < 20; attempt++) {
      const before = new Set(account.surveyResponses.keys())
      const answeredAt = makeSurveyResponse(
        rng,
        account,
        t.id,
        requester,
        at,
        () => version,
        at + MINUTE,
        at,
      )
      const id = [...account.surveyResponses.keys()].find((k) => !before.has(k))
      if (answeredAt !== null && id) {
        const r = account.surveyResponses.get(id)
        if (r?.answers.some((a) => a.type === 'rating_scale')) {
          result.surveyResponses.push(id)
          break
        }
      }
      if (id) account.surveyResponses.delete(id)
    }
    touch(t)
  }
  state.version++
  return result
}

function newTicket(
  rng: Rng,
  state: SandboxState,
  requester: ZUser,
  at: number,
  base: string,
): ZTicket {
  const account = state.account
  const id = account.nextId.ticket++
  const french = requester.locale === 'fr'
  const topic = rng.pick(V.TOPICS)
  const subject = rng.pick(french ? topic.fr : topic.en)
  const stamp = iso(at)
  const custom = [{ id: 360005000001, value: null }]
  const t: ZTicket = {
    url: `${base}/tickets/${id}.json`,
    id,
    external_id: null,
    via: {
      channel: rng.pick(['email', 'web', 'chat'] as const),
      source: { from: {}, to: {}, rel: null },
    },
    created_at: stamp,
    updated_at: stamp,
    generated_timestamp: Math.floor(at / 1000),
    type: null,
    subject,
    raw_subject: subject,
    description: rng.pick(french ? V.DESCRIPTION_FR : V.DESCRIPTION_EN),
    priority: rng.pick(['low', 'normal', 'high', 'urgent', null] as const),
    status: 'new',
    recipient: null,
    requester_id: requester.id,
    submitter_id: requester.id,
    assignee_id: null,
    organization_id: requester.organization_id,
    group_id: null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags: [topic.tag, french ? 'fr' : 'en'],
    custom_fields: custom,
    satisfaction_rating: null,
    sharing_agreement_ids: [],
    custom_status_id: 1,
    fields: custom,
    followup_ids: [],
    ticket_form_id: 360000200001,
    brand_id: 360000100001,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  }
  account.tickets.set(id, t)
  account.metricSets.set(
    id,
    makeMetricSet(rng, account, t, {
      createdAt: at,
      updatedAt: at,
      replyMin: null,
      firstResolution: null,
      fullResolution: null,
      solvedAt: null,
      reopens: 0,
      base,
    }),
  )
  return t
}
