import { describe, expect, it } from 'vitest'
import { createHubSpotSandbox } from './app.ts'
import { peopleFromZendeskUsers } from './from-zendesk.ts'

describe('peopleFromZendeskUsers', () => {
  const users = [
    {
      id: 1,
      name: 'Agent Smith',
      email: 'agent@support.example',
      phone: null,
      locale: 'en-US',
      role: 'agent',
    },
    {
      id: 2,
      name: 'Éloïse Le Goff',
      email: 'Eloise.LeGoff@orange.fr',
      phone: '+33612345678',
      locale: 'fr',
      role: 'end-user',
    },
    {
      id: 3,
      name: 'Owen Jones',
      email: null,
      phone: '+447700900000',
      locale: 'en-gb',
      role: 'end-user',
    },
    {
      id: 4,
      name: 'Niamh Murphy',
      email: 'niamh@example.ie',
      phone: null,
      locale: 'en-gb',
      role: 'end-user',
    },
  ]

  it('keeps customers with an address, splits names, and the sandbox writes them as contacts', async () => {
    const people = peopleFromZendeskUsers(users, 0)
    expect(people).toEqual([
      {
        key: 'z2',
        firstName: 'Éloïse',
        lastName: 'Le Goff',
        email: 'eloise.legoff@orange.fr',
        phone: '+33612345678',
        locale: 'fr',
      },
      {
        key: 'z4',
        firstName: 'Niamh',
        lastName: 'Murphy',
        email: 'niamh@example.ie',
        phone: null,
        locale: 'en',
      },
    ])
    const truth = createHubSpotSandbox({ people, hubspotOnly: 1 }).groundTruth()
    const contactOf = [...truth.personOfContact].find(([, key]) => key === 'z2')![0]
    expect(truth.record('contacts', contactOf)!.properties.email?.trim().toLowerCase()).toBe(
      'eloise.legoff@orange.fr',
    )
  })

  it('leaves every n-th customer out of the CRM', () => {
    expect(peopleFromZendeskUsers(users, 2).map((p) => p.key)).toEqual(['z2'])
  })
})
