import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { lookupUrl } from '../src/app/cards/api.ts'
import { API_URL } from '../src/app/cards/config.ts'

const CARD = join(import.meta.dirname, '..')
const readJson = (path: string) => JSON.parse(readFileSync(join(CARD, path), 'utf8'))

describe('HubSpot project files (platform 2026.03)', () => {
  const project = readJson('hsproject.json')
  const app = readJson('src/app/app-hsmeta.json')
  const card = readJson('src/app/cards/CustomerCard-hsmeta.json')

  it('declares the project on platform 2026.03 with sources in src/', () => {
    expect(project).toEqual({
      name: 'cxlens-hubspot-card',
      srcDir: 'src',
      platformVersion: '2026.03',
    })
  })

  it('lets the card fetch only the https cxlens API it calls', () => {
    expect(API_URL).toMatch(/^https:\/\//)
    expect(app.config.permittedUrls.fetch).toEqual([API_URL])
  })

  it('requires the read scopes the HubSpot sync needs; feedback submissions stay optional', () => {
    expect(app.type).toBe('app')
    expect(app.config.auth.type).toBe('oauth')
    expect([...app.config.auth.requiredScopes].sort()).toEqual([
      'crm.objects.companies.read',
      'crm.objects.contacts.read',
      'oauth',
      'tickets',
    ])
    // Optional: a portal that cannot grant it still installs; the sync then skips feedback surveys.
    expect(app.config.auth.optionalScopes).toEqual(['crm.objects.feedback_submissions.read'])
    for (const url of app.config.auth.redirectUrls) expect(url).toMatch(/^https:\/\//)
  })

  it('puts the card in the record sidebar of the objects the lookup supports', () => {
    expect(card.type).toBe('card')
    expect(card.config.location).toBe('crm.record.sidebar')
    expect(existsSync(join(CARD, 'src', card.config.entrypoint))).toBe(true)
    expect(card.config.objectTypes).toEqual(['contacts', 'tickets'])
    // HubSpot's object type ids of contacts and tickets.
    expect(lookupUrl({ objectTypeId: '0-1', objectId: 1 })).toContain('hubspot_contact_id=1')
    expect(lookupUrl({ objectTypeId: '0-5', objectId: 2 })).toContain('hubspot_ticket_id=2')
    expect(lookupUrl({ objectTypeId: '0-2', objectId: 3 })).toBeNull()
  })
})
