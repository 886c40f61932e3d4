import { toOrganisationRecords } from '../mappers/to-organisation.ts'
import { toPersonRecords } from '../mappers/to-person.ts'
import { toSurveyResponseRecords } from '../mappers/to-survey-response.ts'
import { toTicketRecords } from '../mappers/to-ticket.ts'
import type { ObjectStreamSpec } from './object-stream.ts'

/**
 * The four streams, in dependency order (companies before contacts before tickets before survey
 * answers). A contact's company is `associatedcompanyid`, else its primary company association.
 */
export const STREAM_SPECS: ObjectStreamSpec[] = [
  {
    type: 'companies',
    modifiedProperty: 'hs_lastmodifieddate',
    properties: ['name', 'domain', 'hs_additional_domains', 'createdate', 'hs_lastmodifieddate'],
    associations: [],
    withStages: false,
    map: toOrganisationRecords,
  },
  {
    type: 'contacts',
    modifiedProperty: 'lastmodifieddate',
    properties: [
      'email',
      'hs_additional_emails',
      'firstname',
      'lastname',
      'phone',
      'mobilephone',
      'hs_language',
      'associatedcompanyid',
      'hs_merged_object_ids',
      'hs_gdpr_deleted',
      'createdate',
      'lastmodifieddate',
    ],
    associations: ['companies'],
    withStages: false,
    map: toPersonRecords,
  },
  {
    type: 'tickets',
    modifiedProperty: 'hs_lastmodifieddate',
    properties: [
      'subject',
      'hs_pipeline',
      'hs_pipeline_stage',
      'hs_ticket_priority',
      'hs_ticket_category',
      'source_type',
      'createdate',
      'hs_lastmodifieddate',
      'closed_date',
      'time_to_close',
      'time_to_first_agent_reply',
    ],
    associations: ['contacts', 'companies'],
    withStages: true,
    map: toTicketRecords,
  },
  {
    type: 'feedback_submissions',
    modifiedProperty: 'hs_lastmodifieddate',
    properties: [
      'hs_survey_type',
      'hs_value',
      'hs_response_group',
      'hs_content',
      'hs_sentiment',
      'hs_survey_id',
      'hs_survey_name',
      'hs_survey_channel',
      'hs_submission_timestamp',
      'hs_createdate',
      'hs_lastmodifieddate',
    ],
    associations: ['contacts', 'tickets'],
    withStages: false,
    map: toSurveyResponseRecords,
  },
]
