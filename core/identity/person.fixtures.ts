import type { Person, SourceRef } from '../model/index.ts'

/** Test helper: a Zendesk-like or HubSpot-like identity with readable defaults. */
export function zdUser(id: string, fields: Partial<Person> = {}): Person {
  return person({ source: 'zendesk', account: 'acme', object: 'user', id }, fields)
}

export function hsContact(id: string, fields: Partial<Person> = {}): Person {
  return person({ source: 'hubspot', account: '1234', object: 'contact', id }, fields)
}

export function person(ref: SourceRef, fields: Partial<Person> = {}): Person {
  return {
    ref: { ...ref, url: `https://example.test/${ref.source}/${ref.object}/${ref.id}` },
    name: null,
    emails: [],
    phones: [],
    externalId: null,
    organisation: null,
    role: 'end_user',
    locale: null,
    links: [],
    mergedInto: null,
    deleted: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...fields,
  }
}
