import { COMPANY_NAMES, NPS_COMMENTS, PIPELINES, SURVEYS, TOPICS } from './catalog.ts'
import { type SandboxPerson, emailLocalPart, generatePeople } from './people.ts'
import { type Rng, createRng } from './prng.ts'
import {
  type CrmRecord,
  type Portal,
  archiveRecord,
  associate,
  createEmptyPortal,
  createRecord,
  iso,
  updateRecord,
} from './portal.ts'

export interface GenerateOptions {
  seed: number
  /** The shared customers (e.g. the Zendesk sandbox's); defaults to `generatePeople(seed, 160)`. */
  people?: SandboxPerson[]
  /** Contacts known only to HubSpot. */
  hubspotOnly?: number
  companies?: number
  /** The generated history ends here (ms); it spans the three years before. */
  asOf?: number
  searchLagMs?: number
}

export interface Generated {
  portal: Portal
  /** Contact id → the person it stands for (duplicates and merged losers included). */
  personOfContact: Map<string, string>
  people: SandboxPerson[]
}

const DAY = 86_400_000
const YEAR = 365 * DAY
export const DEFAULT_AS_OF = Date.UTC(2026, 0, 15, 9, 0, 0)

/** Builds the default portal: a few years of contacts, companies, tickets and survey answers. */
export function generatePortal(options: GenerateOptions): Generated {
  const rng = createRng(options.seed)
  const asOf = options.asOf ?? DEFAULT_AS_OF
  const portal = createEmptyPortal(options.searchLagMs ?? 0)
  const shared = options.people ?? generatePeople(options.seed, 160)
  const onlyHere = generatePeople(options.seed + 7_777, options.hubspotOnly ?? 40).map((p, i) => ({
    ...p,
    key: `h${String(i + 1).padStart(4, '0')}`,
    email: p.email.replace('@', '.hs@'),
  }))
  const people = [...shared, ...onlyHere]
  const personOfContact = new Map<string, string>()

  const companies = Array.from({ length: options.companies ?? 30 }, (_, i) => {
    const base = COMPANY_NAMES[i % COMPANY_NAMES.length] as string
    const name =
      i < COMPANY_NAMES.length ? base : `${base} ${Math.floor(i / COMPANY_NAMES.length) + 1}`
    const created = asOf - 5 * YEAR + rng.int(0, 2 * YEAR)
    const domain = `${emailLocalPart(name, 'co').replace('.', '-')}.example`
    return createRecord(
      portal,
      'companies',
      {
        name,
        domain,
        hs_additional_domains: rng.chance(0.2) ? `${domain.replace('.example', '.fr')}` : null,
        city: rng.pick(['Paris', 'Lyon', 'Nantes', 'London', 'Leeds', 'Bristol']),
      },
      created,
      created + rng.int(0, 2 * YEAR),
    )
  })

  for (const person of people) {
    const company = rng.chance(0.7) ? rng.pick(companies) : null
    const contact = createContact(portal, rng, person, company, asOf)
    personOfContact.set(contact.id, person.key)
    addTickets(portal, rng, person, contact, company, asOf)
    addNps(portal, rng, person, contact, asOf)
  }

  addHistoryEvents(portal, rng, people, personOfContact, asOf)
  return { portal, personOfContact, people }
}

/** The same address as the person's, written the way a CRM user typed it. */
function typedEmail(rng: Rng, email: string): string {
  const roll = rng.next()
  if (roll < 0.2) return email.toUpperCase()
  if (roll < 0.4) return email.charAt(0).toUpperCase() + email.slice(1)
  if (roll < 0.5) return ` ${email} `
  return email
}

function createContact(
  portal: Portal,
  rng: Rng,
  person: SandboxPerson,
  company: CrmRecord | null,
  asOf: number,
): CrmRecord {
  const created = asOf - rng.int(1 * YEAR, 4 * YEAR)
  // One contact in ten has its primary company association but an empty `associatedcompanyid`
  // (associated after creation by an integration, as seen on live portals): readers must fall
  // back to the association. Chosen by id, so the generator's random stream is unchanged.
  const companyId = portal.nextId.contacts % 10 === 3 ? null : (company?.id ?? null)
  const extra: string[] = []
  if (rng.chance(0.25))
    extra.push(`${emailLocalPart(person.firstName, person.lastName)}@pro.example`)
  if (rng.chance(0.1)) extra.push(` ${person.email.toUpperCase()}`)
  const contact = createRecord(
    portal,
    'contacts',
    {
      email: typedEmail(rng, person.email),
      hs_additional_emails: extra.length > 0 ? extra.join(';') : null,
      firstname: person.firstName,
      lastname: person.lastName,
      phone: person.phone,
      hs_language: person.locale,
      company: company?.properties.name ?? null,
      associatedcompanyid: companyId,
      lifecyclestage: 'customer',
      hs_merged_object_ids: null,
    },
    created,
    created + rng.int(0, asOf - created),
  )
  if (company) associate(portal, 'contacts', contact.id, 'companies', company.id)
  return contact
}

function addTickets(
  portal: Portal,
  rng: Rng,
  person: SandboxPerson,
  contact: CrmRecord,
  company: CrmRecord | null,
  asOf: number,
) {
  const count = rng.int(0, 4)
  for (let i = 0; i < count; i++) {
    const created = rng.int(contact.createdAt, asOf - DAY)
    const pipeline =
      rng.next() < 0.75 ? PIPELINES[0]! : rng.chance(0.6) ? PIPELINES[1]! : PIPELINES[2]!
    const recent = asOf - created < 14 * DAY
    const closedStage = pipeline.stages.find((s) => s.state === 'CLOSED')!
    const openStages = pipeline.stages.filter((s) => s.state === 'OPEN')
    const stage = recent || rng.chance(0.05) ? rng.pick(openStages) : closedStage
    const topic = rng.pick(TOPICS)
    const firstReply = rng.chance(0.85) ? rng.int(5, 36 * 60) * 60_000 : null
    const closedAt = stage.state === 'CLOSED' ? created + rng.int(1, 10 * 24) * 3_600_000 : null
    const ticket = createRecord(
      portal,
      'tickets',
      {
        subject: rng.pick(person.locale === 'fr' ? topic.fr : topic.en),
        content: person.locale === 'fr' ? 'Bonjour, pouvez-vous m’aider ?' : 'Hi, can you help?',
        hs_pipeline: pipeline.id,
        hs_pipeline_stage: stage.id,
        hs_ticket_priority: rng.pick(['LOW', 'MEDIUM', 'MEDIUM', 'HIGH', 'URGENT', null]),
        hs_ticket_category: topic.category,
        source_type: rng.pick(['EMAIL', 'EMAIL', 'CHAT', 'FORM', 'PHONE']),
        closed_date: closedAt === null ? null : iso(closedAt),
        time_to_close: closedAt === null ? null : String(closedAt - created),
        time_to_first_agent_reply: firstReply === null ? null : String(firstReply),
      },
      created,
      Math.min(asOf, (closedAt ?? created) + rng.int(0, 3) * DAY),
    )
    associate(portal, 'tickets', ticket.id, 'contacts', contact.id)
    if (company) associate(portal, 'tickets', ticket.id, 'companies', company.id)
    if (closedAt !== null && closedAt < asOf)
      addTicketSurveys(portal, rng, person, contact, ticket, closedAt)
  }
}

function addTicketSurveys(
  portal: Portal,
  rng: Rng,
  person: SandboxPerson,
  contact: CrmRecord,
  ticket: CrmRecord,
  closedAt: number,
) {
  if (rng.chance(0.4)) {
    const value = rng.pick([0, 1, 2, 2, 2])
    const group = value === 2 ? 'PROMOTER' : value === 1 ? 'PASSIVE' : 'DETRACTOR'
    feedback(portal, rng, person, contact, ticket, 'CSAT', value, group, closedAt + 3_600_000)
  }
  if (rng.chance(0.2)) {
    const value = rng.int(1, 7)
    const group = value >= 6 ? 'PROMOTER' : value >= 4 ? 'PASSIVE' : 'DETRACTOR'
    feedback(portal, rng, person, contact, ticket, 'CES', value, group, closedAt + 7_200_000)
  }
}

/** Yearly NPS: some detractors recover, some promoters fall, most stay roughly where they are. */
function addNps(portal: Portal, rng: Rng, person: SandboxPerson, contact: CrmRecord, asOf: number) {
  if (!rng.chance(0.6)) return
  const story = rng.next()
  const curve =
    story < 0.15
      ? [3, 6, 9]
      : story < 0.3
        ? [10, 8, 4]
        : [rng.int(5, 10), rng.int(5, 10), rng.int(4, 10)]
  curve.forEach((score, year) => {
    const at = asOf - (3 - year) * YEAR + rng.int(0, 300) * DAY
    if (at < contact.createdAt || at > asOf) return
    const group = score >= 9 ? 'PROMOTER' : score >= 7 ? 'PASSIVE' : 'DETRACTOR'
    feedback(portal, rng, person, contact, null, 'NPS', score, group, at)
  })
}

function feedback(
  portal: Portal,
  rng: Rng,
  person: SandboxPerson,
  contact: CrmRecord,
  ticket: CrmRecord | null,
  type: keyof typeof SURVEYS,
  value: number,
  group: 'PROMOTER' | 'PASSIVE' | 'DETRACTOR',
  at: number,
) {
  const survey = SURVEYS[type]
  const content = rng.chance(0.6) ? rng.pick(NPS_COMMENTS[group][person.locale]) : null
  const sentiment = { PROMOTER: 'POSITIVE', PASSIVE: 'NEUTRAL', DETRACTOR: 'NEGATIVE' }[group]
  const record = createRecord(
    portal,
    'feedback_submissions',
    {
      hs_survey_type: type,
      hs_value: String(value),
      hs_response_group: group,
      hs_content: content,
      hs_sentiment: content === null ? null : sentiment,
      hs_survey_id: survey.id,
      hs_survey_name: survey.name,
      hs_survey_channel: survey.channel,
      hs_submission_name: `${survey.name} - ${person.email}`,
      hs_submission_timestamp: iso(at),
    },
    at,
    at,
  )
  associate(portal, 'feedback_submissions', record.id, 'contacts', contact.id)
  if (ticket) associate(portal, 'feedback_submissions', record.id, 'tickets', ticket.id)
}

/** Events already in the portal's past: merged duplicates, archived tickets, a GDPR deletion. */
function addHistoryEvents(
  portal: Portal,
  rng: Rng,
  people: SandboxPerson[],
  personOfContact: Map<string, string>,
  asOf: number,
) {
  const contacts = [...portal.records.contacts.values()]
  for (let i = 0; i < 3; i++) {
    const survivor = contacts[i * 7]
    if (!survivor) break
    const person = people.find((p) => p.key === personOfContact.get(survivor.id))!
    const created = survivor.createdAt + DAY
    const duplicate = createRecord(
      portal,
      'contacts',
      {
        email: person.email.toUpperCase(),
        firstname: person.firstName,
        lastname: person.lastName,
        hs_language: person.locale,
        lifecyclestage: 'lead',
      },
      created,
      created,
    )
    personOfContact.set(duplicate.id, person.key)
    mergeContacts(portal, survivor.id, duplicate.id, asOf - (30 - i) * DAY)
  }
  const tickets = [...portal.records.tickets.values()]
  for (const ticket of [tickets[3], tickets[11]])
    if (ticket) archiveRecord(portal, 'tickets', ticket.id, asOf - 10 * DAY)
  const onlyHere = contacts.filter((c) => personOfContact.get(c.id)?.startsWith('h'))
  const erased = onlyHere[rng.int(0, onlyHere.length - 1)]
  if (erased) privacyDelete(portal, erased.id, asOf - 5 * DAY)
}

/**
 * HubSpot merge: the survivor lists the loser in `hs_merged_object_ids` and keeps the loser's
 * addresses as secondary emails (docs: "Merge records"); the loser is archived.
 */
export function mergeContacts(portal: Portal, survivorId: string, loserId: string, at: number) {
  const survivor = portal.records.contacts.get(survivorId)
  if (!survivor) throw new Error(`sandbox: no contact ${survivorId}`)
  const loser = portal.records.contacts.get(loserId)
  if (!loser) throw new Error(`sandbox: no contact ${loserId}`)
  const merged = (survivor.properties.hs_merged_object_ids ?? '').split(';').filter(Boolean)
  const addresses = (record: CrmRecord) =>
    [record.properties.email, ...(record.properties.hs_additional_emails ?? '').split(';')]
      .map((e) => (e ?? '').trim())
      .filter(Boolean)
  const held = new Set(addresses(survivor).map((e) => e.toLowerCase()))
  const secondary = [
    ...(survivor.properties.hs_additional_emails ?? '').split(';').filter((e) => e.trim()),
    ...addresses(loser).filter((e) => !held.has(e.toLowerCase())),
  ]
  updateRecord(
    portal,
    'contacts',
    survivorId,
    {
      hs_merged_object_ids: [...merged, loserId].join(';'),
      hs_additional_emails: secondary.length > 0 ? secondary.join(';') : null,
    },
    at,
  )
  archiveRecord(portal, 'contacts', loserId, at)
  portal.merges.push({ survivor: survivorId, loser: loserId, at })
}

/** Sandbox model of a GDPR deletion: archived with every property blanked and a flag. */
export function privacyDelete(portal: Portal, contactId: string, at: number) {
  const contact = portal.records.contacts.get(contactId)
  if (!contact) throw new Error(`sandbox: no contact ${contactId}`)
  const blank = Object.fromEntries(Object.keys(contact.properties).map((k) => [k, null]))
  contact.properties = { ...blank, hs_object_id: contactId, hs_gdpr_deleted: 'true' }
  contact.privacyDeleted = true
  updateRecord(portal, 'contacts', contactId, {}, at)
  archiveRecord(portal, 'contacts', contactId, at)
}
