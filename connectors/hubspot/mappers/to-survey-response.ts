import { type SurveyKind, type UnifiedRecord, normalise } from '../../../core/model/index.ts'
import { MapError } from '../../../core/sync/types.ts'
import type { HubSpotItem } from '../types.ts'
import { type MapContext, firstRef, hubspotRef, text, toInstant, versionTime } from './refs.ts'

const KINDS: Record<string, SurveyKind> = { NPS: 'nps', CSAT: 'csat', CES: 'ces', CUSTOM: 'custom' }
const SENTIMENTS = { POSITIVE: 'positive', NEUTRAL: 'neutral', NEGATIVE: 'negative' } as const

/** A feedback submission → a survey response on its survey's scale (`hs_value` is a string). */
export function toSurveyResponseRecords(item: HubSpotItem, ctx: MapContext): UnifiedRecord[] {
  const { object } = item
  const p = object.properties
  const kind = KINDS[(p.hs_survey_type ?? '').trim().toUpperCase()] ?? 'custom'
  const surveyId = text(p.hs_survey_id) ?? 'unknown'
  const scale = ctx.scales.bySurveyId[surveyId] ?? ctx.scales.byType[kind]
  if (!scale) throw new MapError(`feedback ${object.id}: no scale known for survey ${surveyId}`)
  const raw = text(p.hs_value)?.replace(',', '.')
  const score = raw === undefined || raw === null ? Number.NaN : Number(raw)
  if (!Number.isFinite(score)) throw new MapError(`feedback ${object.id}: hs_value is not a number`)
  if (score < scale.min || score > scale.max) {
    throw new MapError(`feedback ${object.id}: hs_value outside ${scale.min}–${scale.max}`)
  }
  const sentiment = SENTIMENTS[(p.hs_sentiment ?? '').toUpperCase() as keyof typeof SENTIMENTS]
  const submitted = p.hs_submission_timestamp ?? p.hs_createdate ?? object.createdAt
  return [
    {
      kind: 'survey_response',
      record: {
        ref: hubspotRef(ctx, 'feedback_submission', object.id),
        kind,
        score,
        scale: { min: scale.min, max: scale.max },
        normalised: normalise(score, scale),
        ...(scale.labels ? { labels: scale.labels } : {}),
        comment: text(p.hs_content),
        reasons: [],
        sentiment: sentiment ?? null,
        submittedAt: toInstant(submitted, 'hs_submission_timestamp'),
        updatedAt: versionTime(object, p.hs_lastmodifieddate, 'hs_lastmodifieddate'),
        respondent: firstRef(ctx, 'contact', item.associations.contacts),
        ticket: firstRef(ctx, 'ticket', item.associations.tickets),
        survey: {
          id: surveyId,
          name: text(p.hs_survey_name),
          channel: text(p.hs_survey_channel)?.toLowerCase() ?? null,
        },
        deleted: object.archived === true,
      },
    },
  ]
}
