import { z } from 'zod'
import { Instant, SourceRef } from './source-ref.ts'
import { SurveyKind } from './survey-response.ts'

/** What a comment is about, found by keywords in English and French (core/verbatims). */
export const VerbatimTheme = z.enum([
  'billing',
  'delivery',
  'support_wait',
  'product_bug',
  'pricing',
  'cancellation',
  'unresolved',
  'account_access',
])
export type VerbatimTheme = z.infer<typeof VerbatimTheme>

/** A detractor's (or unsatisfied rater's) own words, with the score they came with. */
export const Verbatim = z.strictObject({
  ref: SourceRef,
  kind: SurveyKind,
  at: Instant,
  score: z.number(),
  scale: z.strictObject({ min: z.number(), max: z.number() }),
  comment: z.string(),
  /** The language the keywords recognised; null when neither list's function words dominate. */
  language: z.enum(['en', 'fr']).nullable(),
  themes: z.array(VerbatimTheme),
  ticket: SourceRef.nullable(),
})
export type Verbatim = z.infer<typeof Verbatim>
