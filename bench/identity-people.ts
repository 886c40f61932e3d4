import { createRng } from '../connectors/hubspot/sandbox/prng.ts'
import type { Organisation, Person, SourceRef } from '../core/model/index.ts'

const ZENDESK = { source: 'zendesk', account: 'acme', object: 'user' } as const
const HUBSPOT = { source: 'hubspot', account: '4242424', object: 'contact' } as const
const DOMAINS = ['gmail.com', 'orange.fr', 'outlook.com', 'free.fr', 'icloud.com', 'yahoo.co.uk']

/**
 * `count` Person records of two tools over the same humans, shaped like real CRM/helpdesk data:
 * 75 % of humans in Zendesk, 60 % in HubSpot (cross-tool duplicates that must cluster), emails
 * typed with another case or spaces, 25 % with a second (work) address, 3 % of pairs of
 * humans sharing a family mailbox (in one tool a shared key that joins nobody), 60 % with
 * a phone written three ways, 2 % Zendesk duplicates (same email, another case), 1 % HubSpot
 * duplicates merged into their survivor, 5 % Zendesk users linked to their HubSpot contact,
 * 0.5 % deleted, 0.3 % agents; half belong to one of `count / 40` organisations.
 */
export function generateIdentityPeople(count: number, seed = 42) {
  const rng = createRng(seed)
  const people: Person[] = []
  const orgCount = Math.max(1, Math.round(count / 40))
  const organisations: Organisation[] = Array.from({ length: orgCount }, (_, i) => ({
    ref: { source: 'zendesk', account: 'acme', object: 'organization', id: String(i + 1) },
    name: `Org ${i + 1}`,
    domains: [`org${i + 1}.example`],
    deleted: false,
    createdAt: '2022-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  }))
  const typed = (email: string) => {
    const roll = rng.next()
    if (roll < 0.2) return email.toUpperCase()
    if (roll < 0.35) return email.charAt(0).toUpperCase() + email.slice(1)
    if (roll < 0.45) return ` ${email} `
    return email
  }
  const phoneFormats = (digits: string) => [
    `+33 6 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)} ${digits.slice(6)}`,
    `00336${digits}`,
    `+336${digits}`,
  ]
  let zendeskId = 1
  let hubspotId = 1001
  let family = -1
  const person = (
    base: typeof ZENDESK | typeof HUBSPOT,
    id: number,
    h: number,
    fields: Partial<Person>,
  ): Person => ({
    ref: { ...base, id: String(id) },
    name: `Person ${h}`,
    emails: [],
    phones: [],
    externalId: null,
    organisation: null,
    role: 'end_user',
    locale: rng.chance(0.5) ? 'fr' : 'en',
    links: [],
    mergedInto: null,
    deleted: false,
    createdAt: '2023-01-01T00:00:00.000Z',
    updatedAt: new Date(Date.UTC(2024, 0, 1) + rng.int(0, 600) * 86_400_000).toISOString(),
    ...fields,
  })

  for (let h = 0; people.length < count; h++) {
    const own = `first.last${h}@${rng.pick(DOMAINS)}`
    // A family mailbox: humans 2k and 2k+1 write the same address.
    if (h % 2 === 0) family = rng.chance(0.03) ? h : -1
    const email = family >= 0 ? `family${family}@home.example` : own
    const work = rng.chance(0.25) ? `first.last${h}@org${h % orgCount}.example` : null
    const digits = rng.chance(0.6) ? String(rng.int(10_000_000, 99_999_999)) : null
    const phones = () => (digits ? [rng.pick(phoneFormats(digits))] : [])
    const org: SourceRef | null = rng.chance(0.5)
      ? (organisations[rng.int(0, orgCount - 1)] as Organisation).ref
      : null
    let inZendesk = rng.chance(0.75)
    const inHubSpot = rng.chance(0.6) || !inZendesk
    const deleted = rng.chance(0.005)
    const agent = rng.chance(0.003)
    const hubspotRef = { ...HUBSPOT, id: String(hubspotId) }
    if (inHubSpot) {
      people.push(
        person(HUBSPOT, hubspotId++, h, {
          emails: [typed(email), ...(work && rng.chance(0.5) ? [work] : [])],
          phones: phones(),
          deleted,
        }),
      )
      if (rng.chance(0.01))
        people.push(
          person(HUBSPOT, hubspotId++, h, {
            emails: [typed(own)],
            mergedInto: hubspotRef,
            deleted: true,
          }),
        )
    } else inZendesk = true
    if (inZendesk) {
      const links = inHubSpot && rng.chance(0.05) ? [hubspotRef] : []
      people.push(
        person(ZENDESK, zendeskId++, h, {
          emails: [typed(email), ...(work ? [work] : [])],
          phones: phones(),
          organisation: org,
          links,
          role: agent ? 'agent' : 'end_user',
        }),
      )
      if (rng.chance(0.02))
        people.push(person(ZENDESK, zendeskId++, h, { emails: [typed(own).toUpperCase()] }))
    }
  }
  return { people: people.slice(0, count), organisations }
}
