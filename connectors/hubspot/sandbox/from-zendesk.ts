import type { SandboxPerson } from './people.ts'

/** The fields of a Zendesk user this join reads (structural: no import from the Zendesk sandbox). */
export interface ZendeskUserLike {
  id: number | string
  name: string | null
  email: string | null
  phone: string | null
  locale: string | null
  role: string
  active?: boolean
}

/**
 * The Zendesk sandbox's customers as HubSpot people: pass the result as `people` so the two
 * sandboxes share customers exactly (`createHubSpotSandbox({ people: peopleFromZendeskUsers(
 * zendesk.groundTruth().users) })`). Every `every`-th customer is left out: not every help-desk
 * requester is in the CRM.
 */
export function peopleFromZendeskUsers(
  users: Iterable<ZendeskUserLike>,
  every = 4,
): SandboxPerson[] {
  const people: SandboxPerson[] = []
  let index = 0
  for (const user of users) {
    if (user.role !== 'end-user' || !user.email || user.active === false) continue
    index++
    if (every > 0 && index % every === 0) continue
    const [firstName = '', ...rest] = (user.name ?? '').split(' ')
    people.push({
      key: `z${user.id}`,
      firstName,
      lastName: rest.join(' '),
      email: user.email.toLowerCase(),
      phone: user.phone,
      locale: (user.locale ?? '').startsWith('fr') ? 'fr' : 'en',
    })
  }
  return people
}
