import { createRng, ulid, type Rng } from './prng.ts'
import {
  buildSurveyVersions,
  COMMENT_QUESTION_ID,
  RATING_QUESTION_ID,
  ratingCategory,
  REASON_OPTIONS,
  REASON_QUESTION_ID,
} from './surveys.ts'
import { DAY, HOUR, iso, isoMs, MINUTE } from './time.ts'
import type {
  Account,
  MinutesPair,
  ZAnswer,
  ZMetricSet,
  ZOrganization,
  ZSatisfactionRating,
  ZSurveyResponse,
  ZTicket,
  ZUser,
} from './types.ts'
import { applyTicketBodies, type TicketBodyOptions } from './ticket-body.ts'
import * as V from './vocab.ts'

export interface GenerateOptions {
  seed?: number
  users?: number
  tickets?: number
  years?: number
  /** The account's present (ms). Default 2026-01-15T09:00:00Z so a seed always gives one account. */
  now?: number
  subdomain?: string
  /** Realistic ticket sizes (long descriptions, many text fields); default off (see ticket-body.ts). */
  ticketBody?: TicketBodyOptions
}

export const DEFAULT_NOW = Date.parse('2026-01-15T09:00:00Z')
const GROUP_IDS = [360001000001, 360001000002, 360001000003]
const BRAND_ID = 360000100001
const FORM_ID = 360000200001
const CUSTOM_STATUS = {
  new: 1,
  open: 2,
  pending: 3,
  hold: 4,
  solved: 5,
  closed: 5,
  deleted: 5,
} as const
const ORDER_FIELD_ID = 360005000001

/** Builds a deterministic Zendesk account: same options, same objects, byte for byte. */
export function generateAccount(options: GenerateOptions = {}): Account {
  const seed = options.seed ?? 42
  const userCount = options.users ?? 2000
  const ticketCount = options.tickets ?? 10_000
  const now = options.now ?? DEFAULT_NOW
  const start = now - (options.years ?? 3) * 365 * DAY
  const subdomain = options.subdomain ?? 'cxlens-sandbox'
  const base = `https://${subdomain}.zendesk.com/api/v2`
  const rng = createRng(seed)

  const account: Account = {
    subdomain,
    organizations: new Map(),
    users: new Map(),
    tickets: new Map(),
    metricSets: new Map(),
    ratings: new Map(),
    surveyVersions: [],
    surveyResponses: new Map(),
    nextId: {
      ticket: 1,
      user: 370000000001,
      organization: 360000000001,
      rating: 380000000001,
      metric: 390000000001,
    },
  }

  // Organisations: French and British companies with their e-mail domains.
  const orgs: ZOrganization[] = []
  for (let i = 0; i < Math.max(3, Math.round(userCount / 20)); i++) {
    const french = rng.chance(0.55)
    const word = french ? rng.pick(V.ORG_WORDS_FR) : rng.pick(V.ORG_WORDS_EN)
    const name = french ? `${word} ${rng.pick(V.ORG_NAMES)}` : `${rng.pick(V.ORG_NAMES)} ${word}`
    const slug = slugify(name) + (i > 10 ? String(i) : '')
    const created = start - rng.int(30, 700) * DAY
    const org: ZOrganization = {
      id: account.nextId.organization++,
      url: '',
      name,
      shared_tickets: false,
      shared_comments: false,
      external_id: rng.chance(0.5) ? `CRM-${1000 + i}` : null,
      created_at: iso(created),
      updated_at: iso(created + rng.next() * (now - created - 2 * MINUTE)),
      domain_names: [`${slug}.${french ? 'fr' : 'co.uk'}`],
      details: null,
      notes: null,
      group_id: null,
      tags: rng.chance(0.15) ? ['vip'] : [],
      organization_fields: { plan: rng.pick(['starter', 'pro', 'enterprise']) },
    }
    org.url = `${base}/organizations/${org.id}.json`
    if (rng.chance(0.03)) org.deleted_at = org.updated_at
    orgs.push(org)
    account.organizations.set(org.id, org)
  }
  const liveOrgs = orgs.filter((o) => !o.deleted_at)

  // Staff first (admins, agents), then customers.
  const agentCount = Math.max(5, Math.round(userCount * 0.01))
  const agents: ZUser[] = []
  const customers: ZUser[] = []
  for (let i = 0; i < userCount; i++) {
    const role: ZUser['role'] = i < 2 ? 'admin' : i < agentCount ? 'agent' : 'end-user'
    const user = makeUser(rng, account, role, liveOrgs, start, now, base)
    if (role === 'end-user') customers.push(user)
    else agents.push(user)
    account.users.set(user.id, user)
  }
  // Some people hold two profiles (a work and a personal address sharing one phone).
  for (let i = 0; i < customers.length * 0.02; i++) {
    const a = rng.pick(customers)
    const b = rng.pick(customers)
    if (a !== b && a.phone) b.phone = a.phone
  }

  // CSAT history: legacy good/bad ratings until a year ago, then the customizable survey.
  const csatSwitch = now - 365 * DAY
  account.surveyVersions = buildSurveyVersions(csatSwitch, 120 * DAY)
  const versionAt = (t: number): number =>
    t < csatSwitch + 120 * DAY ? 1 : t < csatSwitch + 240 * DAY ? 2 : 3

  // Tickets in creation order; volume grows over time (density ∝ sqrt).
  const created: number[] = []
  for (let i = 0; i < ticketCount; i++)
    created.push(start + Math.sqrt(rng.next()) * (now - start - MINUTE))
  created.sort((a, b) => a - b)
  const recent: { at: number; requester: ZUser; topic: number }[] = []
  for (const createdAt of created) {
    let requester = customers[Math.floor(customers.length * rng.next() ** 2)] as ZUser
    let topic = rng.int(0, V.TOPICS.length - 1)
    // Repeat contacts: the same person on the same topic within days.
    if (recent.length > 0 && rng.chance(0.12)) {
      const earlier = rng.pick(recent)
      if (createdAt - earlier.at < 5 * DAY) {
        requester = earlier.requester
        topic = earlier.topic
      }
    }
    recent.push({ at: createdAt, requester, topic })
    if (recent.length > 200) recent.shift()
    const ticket = makeTicket(rng, account, {
      requester,
      topic,
      createdAt,
      now,
      agents,
      base,
      versionAt,
      csatSwitch,
    })
    account.tickets.set(ticket.id, ticket)
  }
  if (options.ticketBody) applyTicketBodies(account, options.ticketBody)
  return account
}

function slugify(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

function phoneFor(rng: Rng, french: boolean): string {
  const d = () => String(rng.int(10, 99))
  if (french)
    return rng.chance(0.5) ? `+33 6 ${d()} ${d()} ${d()} ${d()}` : `06${d()}${d()}${d()}${d()}`
  return rng.chance(0.5)
    ? `+44 7700 9${d()}${rng.int(100, 999)}`
    : `07700 9${d()}${rng.int(100, 999)}`
}

function makeUser(
  rng: Rng,
  account: Account,
  role: ZUser['role'],
  orgs: ZOrganization[],
  start: number,
  now: number,
  base: string,
): ZUser {
  const french = rng.chance(0.55)
  const first = french ? rng.pick(V.FRENCH_FIRST) : rng.pick(V.ENGLISH_FIRST)
  const last = french ? rng.pick(V.FRENCH_LAST) : rng.pick(V.ENGLISH_LAST)
  const staff = role !== 'end-user'
  const org = !staff && rng.chance(0.45) ? rng.pick(orgs) : null
  const local = `${slugify(first)}.${slugify(last)}`.replace(/-/g, '')
  const domain = staff
    ? `${account.subdomain}.example.com`
    : org
      ? (org.domain_names[0] as string)
      : rng.pick(V.FREE_MAIL)
  const id = account.nextId.user++
  const hasEmail = staff || rng.chance(0.95)
  const createdAt = staff ? start - 400 * DAY : start - 200 * DAY + rng.next() * (now - start) * 0.9
  const updatedAt = createdAt + rng.next() * (now - createdAt - 2 * MINUTE)
  return {
    id,
    url: `${base}/users/${id}.json`,
    name: `${first} ${last}`,
    email: hasEmail ? `${local}${rng.chance(0.3) ? rng.int(1, 99) : ''}@${domain}` : null,
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
    time_zone: french ? 'Paris' : 'London',
    iana_time_zone: french ? 'Europe/Paris' : 'Europe/London',
    phone: !hasEmail || rng.chance(0.35) ? phoneFor(rng, french) : null,
    shared_phone_number: null,
    photo: null,
    locale_id: french ? 16 : 1,
    locale: french ? 'fr' : rng.chance(0.5) ? 'en-US' : 'en-gb',
    organization_id: org ? org.id : null,
    role,
    verified: staff || rng.chance(0.7),
    external_id: !staff && rng.chance(0.2) ? `cust-${id % 1_000_000}` : null,
    tags: staff ? [] : french ? ['fr'] : ['en'],
    alias: '',
    active: true,
    shared: false,
    shared_agent: false,
    last_login_at: staff || rng.chance(0.3) ? iso(updatedAt) : null,
    two_factor_auth_enabled: null,
    signature: '',
    details: '',
    notes: '',
    role_type: role === 'end-user' ? null : role === 'admin' ? 4 : 0,
    custom_role_id: null,
    moderator: staff,
    ticket_restriction: staff ? null : 'requested',
    only_private_comments: false,
    restricted_agent: false,
    suspended: !staff && rng.chance(0.005),
    default_group_id: staff ? (GROUP_IDS[0] as number) : null,
    report_csv: role === 'admin',
    user_fields: { customer_tier: staff ? null : rng.pick(['standard', 'gold', 'platinum']) },
  }
}

interface TicketContext {
  requester: ZUser
  topic: number
  createdAt: number
  now: number
  agents: ZUser[]
  base: string
  versionAt: (t: number) => number
  csatSwitch: number
}

function lognormal(rng: Rng, median: number, spread: number): number {
  // Box–Muller on two uniforms; one normal draw is enough.
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
  return median * Math.exp(spread * z)
}

function pair(calendar: number | null, ratio = 0.35): MinutesPair {
  return calendar === null
    ? { calendar: null, business: null }
    : { calendar: Math.round(calendar), business: Math.round(calendar * ratio) }
}

function makeTicket(rng: Rng, account: Account, c: TicketContext): ZTicket {
  const { requester, createdAt, now } = c
  const id = account.nextId.ticket++
  const french = requester.locale === 'fr'
  const topic = V.TOPICS[c.topic] as V.Topic
  const subject = rng.pick(french ? topic.fr : topic.en)
  const age = now - createdAt
  const status: ZTicket['status'] =
    age > 14 * DAY
      ? rng.weighted([
          ['closed', 86],
          ['solved', 5],
          ['open', 2],
          ['pending', 2],
          ['hold', 1],
          ['deleted', 1.5],
        ] as const)
      : rng.weighted([
          ['new', 12],
          ['open', 30],
          ['pending', 18],
          ['hold', 5],
          ['solved', 25],
          ['closed', 8],
          ['deleted', 1],
        ] as const)
  const answered = status !== 'new'
  const slow = rng.chance(0.08)
  const replyMin = answered
    ? slow
      ? rng.int(1500, 6000)
      : Math.max(1, lognormal(rng, 90, 1.3))
    : null
  const reopens =
    status === 'new'
      ? 0
      : rng.weighted([
          [0, 91],
          [1, 7],
          [2, 2],
        ] as const)
  const resolved =
    status === 'solved' || status === 'closed' || (status === 'deleted' && rng.chance(0.7))
  const firstResolution = resolved ? (replyMin ?? 0) + lognormal(rng, 1200, 1.1) : null
  const fullResolution =
    firstResolution === null
      ? null
      : firstResolution + (reopens > 0 ? lognormal(rng, 2000, 0.8) * reopens : 0)
  let solvedAt =
    fullResolution === null ? null : Math.min(createdAt + fullResolution * MINUTE, now - 2 * MINUTE)
  let updatedAt = solvedAt ?? createdAt + rng.next() * Math.min(age, 10 * DAY)
  let finalStatus = status
  if (status === 'closed' && solvedAt !== null) {
    // Automations close solved tickets in hourly runs: many tickets share one timestamp.
    const closeAt = Math.ceil((solvedAt + 4 * DAY) / HOUR) * HOUR
    if (closeAt < now - MINUTE) updatedAt = closeAt
    else finalStatus = 'solved'
  }
  const assignee = answered ? rng.pick(c.agents) : null
  const priority = rng.weighted([
    [null, 30],
    ['low', 15],
    ['normal', 35],
    ['high', 15],
    ['urgent', 5],
  ] as const)
  const tags = [topic.tag, french ? 'fr' : 'en']
  if (rng.chance(0.05) || (priority === 'urgent' && rng.chance(0.5))) tags.push('escalation')
  if (reopens > 0) tags.push('reopened')
  const channel = rng.weighted([
    ['email', 40],
    ['web', 25],
    ['chat', 10],
    ['voice', 8],
    ['api', 5],
    ['mobile', 4],
    ['native_messaging', 5],
    ['any_channel', 2],
    ['twitter', 1],
  ] as const)

  // Satisfaction: legacy ratings before the switch, survey responses after.
  let satisfaction: ZTicket['satisfaction_rating'] = null
  if (solvedAt !== null && status !== 'deleted') {
    if (solvedAt < c.csatSwitch) {
      satisfaction = { score: 'unoffered' }
      if (rng.chance(0.6)) {
        const rating = makeRating(rng, account, id, requester, assignee, solvedAt, c.base)
        satisfaction = {
          score: rating.score,
          id: rating.id,
          comment: rating.comment,
          reason: rating.reason ?? undefined,
        }
        if (rating.reason === null) delete satisfaction.reason
        updatedAt = Math.max(updatedAt, Date.parse(rating.updated_at))
      }
    } else if (rng.chance(0.7)) {
      const answeredAt = makeSurveyResponse(rng, account, id, requester, solvedAt, c.versionAt, now)
      if (answeredAt !== null && finalStatus === 'solved')
        updatedAt = Math.max(updatedAt, answeredAt)
    }
  }
  updatedAt = Math.min(updatedAt, now)

  const org = requester.organization_id
  const ticket: ZTicket = {
    url: `${c.base}/tickets/${id}.json`,
    id,
    external_id: channel === 'api' ? `ext-${id}` : null,
    via: { channel, source: { from: {}, to: {}, rel: null } },
    created_at: iso(createdAt),
    updated_at: iso(updatedAt),
    generated_timestamp: Math.floor(updatedAt / 1000),
    type: rng.weighted([
      [null, 30],
      ['question', 30],
      ['incident', 25],
      ['problem', 5],
      ['task', 10],
    ] as const),
    subject,
    raw_subject: subject,
    description: rng.pick(french ? V.DESCRIPTION_FR : V.DESCRIPTION_EN),
    priority,
    status: finalStatus,
    recipient: channel === 'email' ? `support@${account.subdomain}.example.com` : null,
    requester_id: requester.id,
    submitter_id: requester.id,
    assignee_id: assignee ? assignee.id : null,
    organization_id: org,
    group_id: assignee ? rng.pick(GROUP_IDS) : null,
    collaborator_ids: [],
    follower_ids: [],
    email_cc_ids: [],
    forum_topic_id: null,
    problem_id: null,
    has_incidents: false,
    is_public: true,
    due_at: null,
    tags,
    custom_fields: [
      {
        id: ORDER_FIELD_ID,
        value: topic.tag === 'delivery' || topic.tag === 'refund' ? `CMD-${100000 + id}` : null,
      },
    ],
    satisfaction_rating: satisfaction,
    sharing_agreement_ids: [],
    custom_status_id: CUSTOM_STATUS[finalStatus],
    fields: [],
    followup_ids: [],
    ticket_form_id: FORM_ID,
    brand_id: BRAND_ID,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: channel === 'native_messaging',
  }
  ticket.fields = ticket.custom_fields
  if (solvedAt === null && finalStatus !== 'deleted') solvedAt = null
  if (finalStatus !== 'deleted')
    account.metricSets.set(
      id,
      makeMetricSet(rng, account, ticket, {
        createdAt,
        updatedAt,
        replyMin,
        firstResolution,
        fullResolution,
        solvedAt,
        reopens,
        base: c.base,
      }),
    )
  return ticket
}

interface MetricInput {
  createdAt: number
  updatedAt: number
  replyMin: number | null
  firstResolution: number | null
  fullResolution: number | null
  solvedAt: number | null
  reopens: number
  base: string
}

export function makeMetricSet(rng: Rng, account: Account, t: ZTicket, m: MetricInput): ZMetricSet {
  const id = account.nextId.metric++
  const assignedAt = t.assignee_id ? iso(m.createdAt + (m.replyMin ?? 1) * MINUTE * 0.5) : null
  const onHold = t.status === 'hold' || rng.chance(0.05) ? rng.int(30, 3000) : 0
  return {
    url: `${m.base}/ticket_metrics/${id}.json`,
    id,
    ticket_id: t.id,
    created_at: t.created_at,
    updated_at: t.updated_at,
    group_stations: t.group_id ? rng.int(1, 2) : 0,
    assignee_stations: t.assignee_id ? rng.int(1, 2) : 0,
    reopens: m.reopens,
    replies: m.replyMin === null ? 0 : rng.int(1, 4) + m.reopens,
    assignee_updated_at: t.assignee_id ? t.updated_at : null,
    requester_updated_at: iso(m.createdAt + (m.updatedAt - m.createdAt) * rng.next() * 0.8),
    status_updated_at: t.updated_at,
    initially_assigned_at: assignedAt,
    assigned_at: assignedAt,
    solved_at: m.solvedAt === null ? null : iso(m.solvedAt),
    latest_comment_added_at: iso(m.solvedAt ?? m.updatedAt),
    custom_status_updated_at: t.updated_at,
    reply_time_in_minutes: pair(m.replyMin),
    reply_time_in_seconds: { calendar: m.replyMin === null ? null : Math.round(m.replyMin * 60) },
    first_resolution_time_in_minutes: pair(m.firstResolution),
    full_resolution_time_in_minutes: pair(m.fullResolution),
    agent_wait_time_in_minutes: pair(m.replyMin === null ? null : m.replyMin * 1.2),
    requester_wait_time_in_minutes: pair(m.fullResolution === null ? null : m.fullResolution * 0.7),
    on_hold_time_in_minutes: pair(onHold),
  }
}

export function makeRating(
  rng: Rng,
  account: Account,
  ticketId: number,
  requester: ZUser,
  assignee: ZUser | null,
  solvedAt: number,
  base: string,
): ZSatisfactionRating {
  const id = account.nextId.rating++
  const offeredAt = solvedAt + HOUR
  const answered = rng.chance(0.45)
  const good = rng.chance(0.78)
  const answeredAt = offeredAt + rng.int(10, 48 * 60) * MINUTE
  const withComment = answered && rng.chance(0.4)
  const reasonIndex =
    answered && !good && rng.chance(0.5) ? rng.int(0, V.BAD_REASONS.length - 1) : null
  const rating: ZSatisfactionRating = {
    url: `${base}/satisfaction_ratings/${id}.json`,
    id,
    assignee_id: assignee ? assignee.id : 0,
    group_id: GROUP_IDS[0] as number,
    requester_id: requester.id,
    ticket_id: ticketId,
    score: answered ? (good ? 'good' : 'bad') : 'offered',
    comment: withComment ? rng.pick(good ? V.GOOD_COMMENTS : V.BAD_COMMENTS) : null,
    reason: reasonIndex === null ? null : (V.BAD_REASONS[reasonIndex] as string),
    reason_id: reasonIndex === null ? null : 360000300001 + reasonIndex,
    created_at: iso(offeredAt),
    updated_at: iso(answered ? answeredAt : offeredAt),
  }
  account.ratings.set(id, rating)
  return rating
}

/** The answers of a rated response: the rating, then a reason and a comment or their skips. */
export function makeRatedAnswers(rng: Rng, points: number, at: string): ZAnswer[] {
  const answers: ZAnswer[] = []
  const rating =
    points === 2
      ? rng.weighted([
          [1, 22],
          [2, 78],
        ] as const)
      : points === 3
        ? rng.weighted([
            [1, 15],
            [2, 20],
            [3, 65],
          ] as const)
        : rng.weighted([
            [1, 8],
            [2, 7],
            [3, 12],
            [4, 28],
            [5, 45],
          ] as const)
  const category = ratingCategory(rating, points)
  answers.push({
    type: 'rating_scale',
    question_id: RATING_QUESTION_ID,
    rating,
    rating_category: category,
    created_at: at,
    updated_at: at,
  })
  if (category !== 'good' && rng.chance(0.6)) {
    const picks = [rng.pick(REASON_OPTIONS).id]
    if (rng.chance(0.2)) picks.push(rng.pick(REASON_OPTIONS).id)
    answers.push({
      type: 'closed_ended',
      question_id: REASON_QUESTION_ID,
      option_ids: [...new Set(picks)],
      created_at: at,
      updated_at: at,
    })
  } else
    answers.push({
      type: 'skipped',
      question_id: REASON_QUESTION_ID,
      created_at: at,
      updated_at: at,
    })
  if (rng.chance(0.3))
    answers.push({
      type: 'open_ended',
      question_id: COMMENT_QUESTION_ID,
      value: rng.pick(category === 'good' ? V.GOOD_COMMENTS : V.BAD_COMMENTS),
      created_at: at,
      updated_at: at,
    })
  else
    answers.push({
      type: 'skipped',
      question_id: COMMENT_QUESTION_ID,
      created_at: at,
      updated_at: at,
    })
  return answers
}

/** Offers the survey for a solved ticket; returns when it was answered (null: not answered). */
export function makeSurveyResponse(
  rng: Rng,
  account: Account,
  ticketId: number,
  requester: ZUser,
  solvedAt: number,
  versionAt: (t: number) => number,
  now: number,
  offeredAtOverride?: number,
): number | null {
  const offeredAt = offeredAtOverride ?? solvedAt + rng.int(5, 90) * MINUTE
  if (offeredAt > now - MINUTE) return null
  const version =
    account.surveyVersions[versionAt(offeredAt) - 1] ??
    account.surveyVersions[account.surveyVersions.length - 1]
  if (!version) return null
  const points = version.points
  const kind = rng.weighted([
    ['rated', 82],
    ['skipped', 6],
    ['pending', 12],
  ] as const)
  const answeredAt = Math.min(offeredAt + rng.int(2, 72 * 60) * MINUTE, now - MINUTE)
  const at = isoMs(answeredAt)
  const answers: ZAnswer[] = []
  if (kind === 'rated') {
    answers.push(...makeRatedAnswers(rng, points, at))
  } else if (kind === 'skipped') {
    for (const q of [RATING_QUESTION_ID, REASON_QUESTION_ID, COMMENT_QUESTION_ID])
      answers.push({ type: 'skipped', question_id: q, created_at: at, updated_at: at })
  }
  const response: ZSurveyResponse = {
    id: ulid(offeredAt, rng),
    responder_id: requester.id,
    ticket_id: ticketId,
    survey_id: version.id,
    survey_version: version.version,
    expires_at: isoMs(offeredAt + 28 * DAY),
    answers,
  }
  account.surveyResponses.set(response.id, response)
  return kind === 'pending' ? null : answeredAt
}
