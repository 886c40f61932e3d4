import { describe, expect, it } from 'vitest'
import { SurveyResponse, UnifiedRecord } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import type { CrmObject, HubSpotItem, StageInfo } from '../types.ts'
import type { MapContext } from './refs.ts'
import { DEFAULT_SCALES } from './scales.ts'
import { toOrganisationRecords } from './to-organisation.ts'
import { toPersonRecords } from './to-person.ts'
import { toSurveyResponseRecords } from './to-survey-response.ts'
import { statusOf, toTicketRecords } from './to-ticket.ts'

const ctx: MapContext = {
  account: '4242',
  appBaseUrl: 'https://app.hubspot.com',
  scales: { ...DEFAULT_SCALES, bySurveyId: { '77': { min: 1, max: 5 } } },
}
const T = '2025-03-01T10:00:00.000Z'

function item(
  type: HubSpotItem['type'],
  properties: Record<string, string | null>,
  extra: Partial<Omit<CrmObject, 'associations'>> &
    Partial<Pick<HubSpotItem, 'associations' | 'stage'>> = {},
): HubSpotItem {
  const { associations = {}, stage, ...object } = extra
  return {
    type,
    object: { id: '101', properties, createdAt: T, updatedAt: T, archived: false, ...object },
    associations,
    ...(stage !== undefined ? { stage } : {}),
  }
}

const valid = (records: UnifiedRecord[]) => records.map((r) => UnifiedRecord.parse(r))

describe('toPersonRecords', () => {
  it('collects email and `;`-separated additional emails, unicode names, company and deep link', () => {
    const [person] = valid(
      toPersonRecords(
        item('contacts', {
          email: ' Éloïse.Dupré@Example.fr ',
          hs_additional_emails: 'eloise@pro.example; ;ELOISE@perso.example',
          firstname: 'Éloïse',
          lastname: "D'Aubigné",
          phone: '+33612345678',
          associatedcompanyid: '5001',
          hs_language: 'fr',
          lastmodifieddate: '1740823200000',
        }),
        ctx,
      ),
    )
    if (person?.kind !== 'person') throw new Error('expected a person')
    expect(person.record.name).toBe("Éloïse D'Aubigné")
    expect(person.record.emails).toEqual([
      'Éloïse.Dupré@Example.fr',
      'eloise@pro.example',
      'ELOISE@perso.example',
    ])
    expect(person.record.organisation?.id).toBe('5001')
    expect(person.record.locale).toBe('fr')
    expect(person.record.updatedAt).toBe(new Date(1740823200000).toISOString())
    expect(person.record.ref.url).toBe('https://app.hubspot.com/contacts/4242/record/0-1/101')
  })

  it('keeps a contact with every property null', () => {
    const [person] = valid(toPersonRecords(item('contacts', { email: null, firstname: null }), ctx))
    if (person?.kind !== 'person') throw new Error('expected a person')
    expect(person.record).toMatchObject({ name: null, emails: [], phones: [], organisation: null })
    expect(person.record.createdAt).toBe(T)
  })

  it('emits a merge per id in hs_merged_object_ids, into the survivor', () => {
    const records = valid(toPersonRecords(item('contacts', { hs_merged_object_ids: '7;8' }), ctx))
    expect(records.filter((r) => r.kind === 'merge')).toEqual([
      expect.objectContaining({
        from: expect.objectContaining({ id: '7' }),
        into: expect.objectContaining({ id: '101' }),
      }),
      expect.objectContaining({ from: expect.objectContaining({ id: '8' }) }),
    ])
  })

  it('archived → deleted person; privacy deletion → erase only', () => {
    const [archived] = toPersonRecords(item('contacts', {}, { archived: true, archivedAt: T }), ctx)
    expect(archived?.kind === 'person' && archived.record.deleted).toBe(true)
    const erased = valid(
      toPersonRecords(
        item(
          'contacts',
          { hs_gdpr_deleted: 'true', email: null },
          { archived: true, archivedAt: T },
        ),
        ctx,
      ),
    )
    expect(erased).toEqual([{ kind: 'erase', ref: expect.objectContaining({ id: '101' }), at: T }])
  })

  it('a date that does not parse is a MapError', () => {
    expect(() => toPersonRecords(item('contacts', { lastmodifieddate: 'yesterday' }), ctx)).toThrow(
      MapError,
    )
  })
})

describe('toOrganisationRecords', () => {
  it('falls back to the domain for a nameless company and lower-cases domains', () => {
    const [org] = valid(
      toOrganisationRecords(
        item('companies', {
          name: null,
          domain: 'Vauban.FR',
          hs_additional_domains: 'vauban.example',
        }),
        ctx,
      ),
    )
    if (org?.kind !== 'organisation') throw new Error('expected an organisation')
    expect(org.record).toMatchObject({
      name: 'Vauban.FR',
      domains: ['vauban.fr', 'vauban.example'],
      deleted: false,
    })
  })
})

describe('toTicketRecords', () => {
  const stage = (label: string, closed = false): StageInfo => ({
    pipeline: '0',
    pipelineLabel: 'Support',
    label,
    closed,
  })

  it('maps stage, priority, channel, category, requester and times', () => {
    const [ticket] = valid(
      toTicketRecords(
        item(
          'tickets',
          {
            subject: 'Facture en double 🧾',
            hs_pipeline: '0',
            hs_pipeline_stage: '4',
            hs_ticket_priority: 'MEDIUM',
            hs_ticket_category: 'BILLING_ISSUE;PRODUCT_ISSUE',
            source_type: 'EMAIL',
            closed_date: '2025-03-02T10:00:00.000Z',
            time_to_close: '86400000',
            time_to_first_agent_reply: '1800000',
          },
          {
            associations: { contacts: ['1001'], companies: ['5001'] },
            stage: stage('Closed', true),
          },
        ),
        ctx,
      ),
    )
    if (ticket?.kind !== 'ticket') throw new Error('expected a ticket')
    expect(ticket.record).toMatchObject({
      subject: 'Facture en double 🧾',
      status: 'closed',
      sourceStatus: 'Closed',
      priority: 'normal',
      channel: 'email',
      tags: ['billing_issue', 'product_issue'],
      solvedAt: '2025-03-02T10:00:00.000Z',
      firstReplyMinutes: 30,
      fullResolutionMinutes: 1440,
    })
    expect(ticket.record.requester?.url).toBe(
      'https://app.hubspot.com/contacts/4242/record/0-1/1001',
    )
    expect(ticket.record.organisation?.id).toBe('5001')
  })

  it('open stages: waiting on contact → pending, paused → on_hold, others → open', () => {
    expect(statusOf(stage('Waiting on contact'))).toBe('pending')
    expect(statusOf(stage('En attente du client'))).toBe('pending')
    expect(statusOf(stage('En pause'))).toBe('on_hold')
    expect(statusOf(stage('Waiting on us'))).toBe('open')
  })

  it('an unknown stage on a live ticket is a MapError; an archived ticket is deleted', () => {
    expect(() =>
      toTicketRecords(item('tickets', { hs_pipeline_stage: '999' }, { stage: null }), ctx),
    ).toThrow(MapError)
    const [deleted] = valid(
      toTicketRecords(item('tickets', { subject: null }, { archived: true, stage: null }), ctx),
    )
    expect(deleted?.kind === 'ticket' && deleted.record.status).toBe('deleted')
  })
})

describe('toSurveyResponseRecords', () => {
  const answer = (properties: Record<string, string | null>, associations = {}) =>
    valid(
      toSurveyResponseRecords(item('feedback_submissions', properties, { associations }), ctx),
    )[0]

  it('NPS: string score, French comment, sentiment, respondent and ticket', () => {
    const nps = answer(
      {
        hs_survey_type: 'NPS',
        hs_value: ' 9 ',
        hs_content: 'Service au top 👍',
        hs_sentiment: 'POSITIVE',
        hs_survey_id: '1',
        hs_survey_name: 'Relationship NPS',
        hs_survey_channel: 'EMAIL',
        hs_submission_timestamp: '2025-02-01T08:00:00Z',
      },
      { contacts: ['1001'], tickets: ['9001'] },
    )
    if (nps?.kind !== 'survey_response') throw new Error('expected a response')
    expect(nps.record).toMatchObject({
      kind: 'nps',
      score: 9,
      scale: { min: 0, max: 10 },
      normalised: 0.9,
      comment: 'Service au top 👍',
      sentiment: 'positive',
      submittedAt: '2025-02-01T08:00:00.000Z',
      survey: { id: '1', name: 'Relationship NPS', channel: 'email' },
    })
    expect(nps.record.respondent?.id).toBe('1001')
    expect(nps.record.ticket?.id).toBe('9001')
    expect(nps.record.ref.url).toBeUndefined()
  })

  it('CSAT on 0–2 with labels, CES on 1–7, empty comment → null', () => {
    const csat = answer({ hs_survey_type: 'CSAT', hs_value: '0', hs_content: '  ' })
    expect(csat?.kind === 'survey_response' && csat.record).toMatchObject({
      score: 0,
      normalised: 0,
      labels: ['Unhappy', 'Neutral', 'Happy'],
      comment: null,
      respondent: null,
    })
    const ces = answer({ hs_survey_type: 'CES', hs_value: '4' })
    expect(ces?.kind === 'survey_response' && ces.record.normalised).toBe(0.5)
  })

  it('custom surveys use the configured scale; unknown scale, non-numbers and out-of-scale are MapErrors', () => {
    const custom = answer({ hs_survey_type: 'CUSTOM', hs_survey_id: '77', hs_value: '4,5' })
    expect(custom?.kind === 'survey_response' && SurveyResponse.parse(custom.record).score).toBe(
      4.5,
    )
    const map = (p: Record<string, string | null>) => () =>
      toSurveyResponseRecords(item('feedback_submissions', p), ctx)
    expect(map({ hs_survey_type: 'CUSTOM', hs_survey_id: '78', hs_value: '3' })).toThrow(MapError)
    expect(map({ hs_survey_type: 'NPS', hs_value: 'dix' })).toThrow(MapError)
    expect(map({ hs_survey_type: 'NPS', hs_value: null })).toThrow(MapError)
    expect(map({ hs_survey_type: 'CSAT', hs_value: '5' })).toThrow(MapError)
  })
})

describe('archived versions', () => {
  // HubSpot leaves the modification time as it was when it archives a record or merges a contact
  // away: the archive must still be a newer version than the live one the store already holds.
  const later = '2025-04-02T08:30:00.000Z'

  it('a ticket archived after its last change is versioned at its archive time', () => {
    const [live] = valid(
      toTicketRecords(
        item(
          'tickets',
          { hs_lastmodifieddate: T },
          { stage: null, archived: true, archivedAt: later },
        ),
        ctx,
      ),
    )
    expect(live?.kind === 'ticket' && [live.record.status, live.record.updatedAt]).toEqual([
      'deleted',
      later,
    ])
  })

  it('a contact merged away is versioned at its archive time; a live one at its modification', () => {
    const [gone] = valid(
      toPersonRecords(
        item('contacts', { lastmodifieddate: T }, { archived: true, archivedAt: later }),
        ctx,
      ),
    )
    expect(gone?.kind === 'person' && [gone.record.deleted, gone.record.updatedAt]).toEqual([
      true,
      later,
    ])
    const [live] = valid(
      toPersonRecords(item('contacts', { lastmodifieddate: T }, { archivedAt: later }), ctx),
    )
    expect(live?.kind === 'person' && live.record.updatedAt).toBe(T)
  })

  it('an archive time older than the modification does not move the version back', () => {
    const [org] = valid(
      toOrganisationRecords(
        item(
          'companies',
          { name: 'Acme', hs_lastmodifieddate: later },
          { archived: true, archivedAt: T },
        ),
        ctx,
      ),
    )
    expect(org?.kind === 'organisation' && org.record.updatedAt).toBe(later)
  })
})
