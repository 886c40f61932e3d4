import type { StreamDefinition } from '../../../core/sync/types.ts'
import { toSurveyResponseFromRating } from '../mappers/to-survey-response.ts'
import { SatisfactionRatingsEnvelope } from '../types.ts'
import { ratingFingerprint, rememberRating } from './csat-hints.ts'
import { idField, type StreamOptions } from './shared.ts'
import { fetchWatermarkedPage, secondsOf } from './watermarked-pages.ts'

const PATH = '/api/v2/satisfaction_ratings.json'

/**
 * Legacy CSAT ratings (good/bad). `score=received` asks only for answered ratings; offered ones
 * that slip through map to nothing. Cursor: see `WatermarkCursor` (watermark on `start_time`, no
 * blind window: a changed rating is re-read because its ticket changes with it and the tickets
 * stream hints at it, see `csat-hints.ts`). Each rating read is remembered (creation, answer) so
 * that hint can tell a changed rating from an unchanged one and where to start.
 */
export function satisfactionRatingsStream(options: StreamOptions): StreamDefinition {
  return {
    name: 'satisfaction_ratings',
    async fetchPage(cursor, ctx) {
      // docs: https://developer.zendesk.com/api-reference/ticketing/ticket-management/satisfaction_ratings/#list-satisfaction-ratings
      const page = await fetchWatermarkedPage(
        {
          stream: 'satisfaction_ratings',
          path: PATH,
          envelope: SatisfactionRatingsEnvelope,
          items: (body) => body.satisfaction_ratings,
          sinceParam: 'start_time',
          pageSize: Math.min(options.pageSize, 100),
          extraParams: { score: 'received' },
          createdAt: createdAtOf,
          lookbackSeconds: 0,
        },
        cursor,
        ctx,
        options,
      )
      for (const raw of page.items) {
        const created = createdAtOf(raw)
        const rating = raw as { score?: unknown; comment?: unknown } | null
        if (created === null || idField(raw) === 'unknown' || !rating) continue
        rememberRating(
          ctx.cache,
          idField(raw),
          created,
          ratingFingerprint(rating.score, rating.comment),
        )
      }
      return page
    },
    map: (raw) => toSurveyResponseFromRating(raw, options.account),
    idOf: (raw) => idField(raw),
  }
}

function createdAtOf(raw: unknown): number | null {
  return secondsOf((raw as { created_at?: unknown } | null)?.created_at)
}
