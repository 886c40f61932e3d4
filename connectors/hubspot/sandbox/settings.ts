import { PIPELINES } from './catalog.ts'
import { iso } from './portal.ts'

/** `GET /crm/v3/pipelines/tickets` (docs: "CRM API | Pipelines"): stage metadata is strings. */
export function pipelinesResponse(createdAt: number) {
  return {
    results: PIPELINES.map((p, i) => ({
      id: p.id,
      label: p.label,
      displayOrder: i,
      archived: false,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      stages: p.stages.map((s, j) => ({
        id: s.id,
        label: s.label,
        displayOrder: j,
        archived: false,
        createdAt: iso(createdAt),
        updatedAt: iso(createdAt),
        writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
        metadata: { isClosed: String(s.state === 'CLOSED'), ticketState: s.state },
      })),
    })),
  }
}

const FEEDBACK_PROPERTIES: [name: string, label: string, type: string, fieldType: string][] = [
  ['hs_content', 'Response', 'string', 'textarea'],
  ['hs_createdate', 'Create date', 'datetime', 'date'],
  ['hs_lastmodifieddate', 'Last modified date', 'datetime', 'date'],
  ['hs_object_id', 'Record ID', 'number', 'number'],
  ['hs_response_group', 'Response group', 'enumeration', 'select'],
  ['hs_sentiment', 'Sentiment', 'enumeration', 'select'],
  ['hs_submission_name', 'Submission name', 'string', 'text'],
  ['hs_submission_timestamp', 'Submitted at', 'datetime', 'date'],
  ['hs_survey_channel', 'Survey channel', 'enumeration', 'select'],
  ['hs_survey_id', 'Survey ID', 'string', 'text'],
  ['hs_survey_name', 'Survey name', 'string', 'text'],
  ['hs_survey_type', 'Survey type', 'enumeration', 'select'],
  ['hs_value', 'Rating', 'string', 'text'],
]

const OPTIONS: Record<string, string[]> = {
  hs_response_group: ['PROMOTER', 'PASSIVE', 'DETRACTOR'],
  hs_sentiment: ['POSITIVE', 'NEUTRAL', 'NEGATIVE'],
  hs_survey_channel: ['EMAIL', 'WEB', 'CHAT'],
  hs_survey_type: ['NPS', 'CSAT', 'CES', 'CUSTOM'],
}

/** `GET /crm/v3/properties/feedback_submissions`: the property names the connector relies on. */
export function feedbackPropertiesResponse(createdAt: number) {
  return {
    results: FEEDBACK_PROPERTIES.map(([name, label, type, fieldType], i) => ({
      name,
      label,
      type,
      fieldType,
      description: '',
      groupName: 'feedback_submission_information',
      options: (OPTIONS[name] ?? []).map((value, j) => ({
        label: value,
        value,
        displayOrder: j,
        hidden: false,
      })),
      displayOrder: i,
      hubspotDefined: true,
      calculated: false,
      externalOptions: false,
      hasUniqueValue: false,
      hidden: false,
      formField: false,
      createdAt: iso(createdAt),
      updatedAt: iso(createdAt),
      modificationMetadata: { archivable: false, readOnlyDefinition: true, readOnlyValue: true },
    })),
  }
}
