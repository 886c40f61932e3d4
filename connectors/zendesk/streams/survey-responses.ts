import type { FetchContext, StreamDefinition } from '../../../core/sync/types.ts'
import {
  isRatingAnswer,
  scaleFromQuestion,
  toSurveyResponseFromCsat,
  type RatingScale,
  type SurveyResponseWithScale,
} from '../mappers/to-survey-response.ts'
import {
  SurveyResponseShowEnvelope,
  SurveyResponsesEnvelope,
  ZendeskSurveyResponse,
} from '../types.ts'
import { getPage, idField, type StreamOptions } from './shared.ts'
import { fetchWatermarkedPage, secondsOf } from './watermarked-pages.ts'

const PATH = '/api/v2/guide/survey_responses'
/** Dynamic content (labels) resolves per locale; the show endpoint requires one. */
const LOCALE = 'en-us'

/**
 * CSAT survey responses (customizable CSAT). Cursor: see `WatermarkCursor` (watermark on
 * `filter[created_at_start]`). The list does not always say how many points the rating question
 * has; the show endpoint does, once per survey version (cached for the connector's life).
 */
export function surveyResponsesStream(
  options: StreamOptions,
): StreamDefinition<SurveyResponseWithScale> {
  const scales = new Map<string, RatingScale | null>()
  return {
    name: 'survey_responses',
    async fetchPage(cursor, ctx) {
      // docs: https://developer.zendesk.com/api-reference/ticketing/ticket-management/csat_survey_responses/#list-survey-responses
      const page = await fetchWatermarkedPage(
        {
          stream: 'survey_responses',
          path: PATH,
          envelope: SurveyResponsesEnvelope,
          items: (body) => body.survey_responses,
          sinceParam: 'filter[created_at_start]',
          pageSize: Math.min(options.pageSize, 50),
          createdAt: createdAtOf,
        },
        cursor,
        ctx,
        options,
      )
      const items: SurveyResponseWithScale[] = []
      for (const response of page.items) {
        items.push({ response, scale: await scaleFor(response, scales, ctx, options) })
      }
      return { ...page, items }
    },
    map: (item) => toSurveyResponseFromCsat(item, options.account),
    idOf: (item) => idField(item.response),
  }
}

/** The scale of the response's rating question when its own answer does not describe it. */
async function scaleFor(
  raw: unknown,
  cache: Map<string, RatingScale | null>,
  ctx: FetchContext,
  options: StreamOptions,
): Promise<RatingScale | null> {
  const parsed = ZendeskSurveyResponse.safeParse(raw)
  if (!parsed.success) return null // the mapper quarantines it
  const response = parsed.data
  const answer = response.answers.find(isRatingAnswer)
  if (!answer || scaleFromQuestion(answer)) return null
  const key = `${response.survey?.id ?? response.survey_id}:${response.survey?.version ?? response.survey_version}`
  if (!cache.has(key)) cache.set(key, await fetchScale(response.id, ctx, options))
  return cache.get(key) ?? null
}

async function fetchScale(
  responseId: string,
  ctx: FetchContext,
  options: StreamOptions,
): Promise<RatingScale | null> {
  // docs: https://developer.zendesk.com/api-reference/ticketing/ticket-management/csat_survey_responses/#show-survey-response
  const body = await getPage(
    ctx,
    options,
    `/api/v2/guide/${LOCALE}/survey_responses/${encodeURIComponent(responseId)}`,
    {},
    SurveyResponseShowEnvelope,
  )
  const shown = ZendeskSurveyResponse.safeParse(body.survey_response)
  const answer = shown.success ? shown.data.answers.find(isRatingAnswer) : undefined
  return answer ? scaleFromQuestion(answer) : null
}

/** When the response was submitted (unix s): top-level when present, else its first answer. */
function createdAtOf(raw: unknown): number | null {
  const parsed = ZendeskSurveyResponse.safeParse(raw)
  if (!parsed.success) return null
  const times = [parsed.data.created_at, ...parsed.data.answers.map((a) => a.created_at)]
    .map(secondsOf)
    .filter((t): t is number => t !== null)
  return times.length === 0 ? null : Math.min(...times)
}
