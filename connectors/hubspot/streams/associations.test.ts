import { describe, expect, it } from 'vitest'
import type { CrmObject } from '../types.ts'
import { inlineAssociatedIds } from './associations.ts'

const object = (associations: CrmObject['associations']): CrmObject => ({
  id: '1',
  properties: {},
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  associations,
})

describe('inlineAssociatedIds', () => {
  it('lists each associated id once, the primary label first', () => {
    const item = object({
      companies: {
        results: [
          { id: '7', type: 'contact_to_company_unlabeled' },
          { id: '9', type: 'contact_to_company_unlabeled' },
          { id: '9', type: 'contact_to_company' },
        ],
      },
    })
    expect(inlineAssociatedIds(item, 'companies')).toEqual(['9', '7'])
    expect(inlineAssociatedIds(item, 'tickets')).toEqual([])
  })

  it('keeps HubSpot order when there are no labels, and gives up on a cut list', () => {
    const tickets = object({
      contacts: {
        results: [
          { id: '5', type: 'ticket_to_contact' },
          { id: '3', type: 'ticket_to_contact' },
        ],
      },
    })
    expect(inlineAssociatedIds(tickets, 'contacts')).toEqual(['5', '3'])
    const cut = object({ contacts: { results: [{ id: '5' }], paging: { next: { after: '1' } } } })
    expect(inlineAssociatedIds(cut, 'contacts')).toBeNull()
  })
})
