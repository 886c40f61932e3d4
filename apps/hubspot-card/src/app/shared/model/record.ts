import { z } from 'zod'
import { Organisation } from './organisation.ts'
import { Person } from './person.ts'
import { Instant, SourceRef } from './source-ref.ts'
import { SurveyResponse } from './survey-response.ts'
import { Ticket } from './ticket.ts'

/**
 * What a mapper emits for one vendor record. Upserts carry the whole new version; `erase` is a privacy
 * deletion (every trace of the identity and what it owns goes); `merge` folds one identity into
 * another (history re-points to the survivor, nothing is lost).
 */
export const UnifiedRecord = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('person'), record: Person }),
  z.strictObject({ kind: z.literal('organisation'), record: Organisation }),
  z.strictObject({ kind: z.literal('ticket'), record: Ticket }),
  z.strictObject({ kind: z.literal('survey_response'), record: SurveyResponse }),
  z.strictObject({ kind: z.literal('merge'), from: SourceRef, into: SourceRef, at: Instant }),
  z.strictObject({ kind: z.literal('erase'), ref: SourceRef, at: Instant }),
])
export type UnifiedRecord = z.infer<typeof UnifiedRecord>
export type RecordKind = UnifiedRecord['kind']
