import type { FetchContext, StreamDefinition } from '../../../core/sync/types.ts'
import {
  isRatingAnswer,
  needsSurveyVersion,
  optionLabelsOf,
  scaleFromQuestion,
  toSurveyResponseFromCsat,
  type SurveyResponseWithSurvey,
  type SurveyVersionInfo,
} from '../mappers/to-survey-response.ts'
import { safeParseOnce } from '../mappers/refs.ts'
import {
  SurveyResponseShowEnvelope,
  SurveyResponsesEnvelope,
  ZendeskSurveyResponse,
} from '../types.ts'
import { getPage, idField, type StreamOptions } from './shared.ts'
import { rememberOpenResponse } from './survey-hints.ts'
import { fetchWatermarkedPage, secondsOf } from './watermarked-pages.ts'

const PATH = '/api/v2/guide/survey_responses'
/** Dynamic content (labels) resolves per locale; the show endpoint requires one. */
const LOCALE = 'en-us'
/** The sweep for answers no ticket change announced (`survey-hints.ts`): once a day. */
const SWEEP_EVERY_MS = 24 * 3600 * 1000

/**
 * CSAT survey responses (customizable CSAT). Cursor: see `WatermarkCursor` (watermark on
 * `filter[created_at_start]`, sent in milliseconds [unverified: the reference only says "Unix
 * epoch time"]); no blind window: a late answer updates its ticket (documented, see
 * `survey-hints.ts`) and is re-read on that hint; a daily sweep is the second net. The list's answers carry bare questions: how many points the rating has and the
 * reasons' labels come from the show endpoint, once per survey version (kept in the store).
 */
export function surveyResponsesStream(
  options: StreamOptions,
): StreamDefinition<SurveyResponseWithSurvey> {
  const versions = new Map<string, SurveyVersionInfo | null>()
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
          sinceMultiplier: 1000,
          pageSize: Math.min(options.pageSize, 50),
          createdAt: createdAtOf,
          lookbackSeconds: 0,
          sweepEveryMs: SWEEP_EVERY_MS,
        },
        cursor,
        ctx,
        options,
      )
      const items: SurveyResponseWithSurvey[] = []
      for (const response of page.items) {
        rememberOpenResponse(ctx.cache, response, createdAtOf(response), ctx.now())
        items.push({ response, survey: await surveyVersionFor(response, versions, ctx, options) })
      }
      return { ...page, items }
    },
    map: (item) => toSurveyResponseFromCsat(item, options.account),
    idOf: (item) => idField(item.response),
  }
}

/** What the response's survey version says, when the list answer leaves something out. */
async function surveyVersionFor(
  raw: unknown,
  cache: Map<string, SurveyVersionInfo | null>,
  ctx: FetchContext,
  options: StreamOptions,
): Promise<SurveyVersionInfo | null> {
  const parsed = safeParseOnce(ZendeskSurveyResponse, raw)
  if (!parsed.success) return null // the mapper quarantines it
  const response = parsed.data
  if (!needsSurveyVersion(response)) return null
  const survey = response.survey?.id ?? response.survey_id
  const key = `${survey}:${response.survey?.version ?? response.survey_version}`
  if (!cache.has(key)) cache.set(key, await storedSurveyVersion(key, response.id, ctx, options))
  return cache.get(key) ?? null
}

/**
 * A survey version never changes (editing a survey makes a new version), so what its show call
 * said is kept in the connection's cache in the store: one call per version, ever.
 */
async function storedSurveyVersion(
  key: string,
  responseId: string,
  ctx: FetchContext,
  options: StreamOptions,
): Promise<SurveyVersionInfo | null> {
  const cacheKey = `zendesk:survey_version:${key}`
  const stored = ctx.cache?.get(cacheKey)
  if (stored) {
    try {
      return JSON.parse(stored) as SurveyVersionInfo | null
    } catch {
      // unreadable: ask Zendesk again
    }
  }
  const info = await fetchSurveyVersion(responseId, ctx, options)
  ctx.cache?.set(cacheKey, JSON.stringify(info))
  return info
}

async function fetchSurveyVersion(
  responseId: string,
  ctx: FetchContext,
  options: StreamOptions,
): Promise<SurveyVersionInfo | null> {
  // docs: https://developer.zendesk.com/api-reference/ticketing/ticket-management/csat_survey_responses/#show-survey-response
  const body = await getPage(
    ctx,
    options,
    `/api/v2/guide/${LOCALE}/survey_responses/${encodeURIComponent(responseId)}`,
    {},
    SurveyResponseShowEnvelope,
  )
  const shown = ZendeskSurveyResponse.safeParse(body.survey_response)
  if (!shown.success) return null
  const rating = shown.data.answers.find(isRatingAnswer)
  return {
    scale: rating ? scaleFromQuestion(rating) : null,
    optionLabels: optionLabelsOf(shown.data.answers),
  }
}

/** When the response was submitted (unix s): top-level when present, else its first answer. */
function createdAtOf(raw: unknown): number | null {
  const parsed = safeParseOnce(ZendeskSurveyResponse, raw)
  if (!parsed.success) return null
  const times = [parsed.data.created_at, ...parsed.data.answers.map((a) => a.created_at)]
    .map(secondsOf)
    .filter((t): t is number => t !== null)
  return times.length === 0 ? null : Math.min(...times)
}
