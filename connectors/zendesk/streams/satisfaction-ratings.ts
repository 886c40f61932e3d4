import type { StreamDefinition } from '../../../core/sync/types.ts'
import { toSurveyResponseFromRating } from '../mappers/to-survey-response.ts'
import { SatisfactionRatingsEnvelope } from '../types.ts'
import { idField, type StreamOptions } from './shared.ts'
import { fetchWatermarkedPage, secondsOf } from './watermarked-pages.ts'

const PATH = '/api/v2/satisfaction_ratings.json'

/**
 * Legacy CSAT ratings (good/bad). `score=received` asks only for answered ratings; offered ones
 * that slip through map to nothing. Cursor: see `WatermarkCursor` (watermark on `start_time`).
 */
export function satisfactionRatingsStream(options: StreamOptions): StreamDefinition {
  return {
    name: 'satisfaction_ratings',
    fetchPage(cursor, ctx) {
      // docs: https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/#list-satisfaction-ratings
      return fetchWatermarkedPage(
        {
          stream: 'satisfaction_ratings',
          path: PATH,
          envelope: SatisfactionRatingsEnvelope,
          items: (body) => body.satisfaction_ratings,
          sinceParam: 'start_time',
          pageSize: Math.min(options.pageSize, 100),
          extraParams: { score: 'received' },
          createdAt: (raw) => secondsOf((raw as { created_at?: unknown } | null)?.created_at),
        },
        cursor,
        ctx,
        options,
      )
    },
    map: (raw) => toSurveyResponseFromRating(raw, options.account),
    idOf: (raw) => idField(raw),
  }
}
