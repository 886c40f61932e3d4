import { z } from 'zod'
import { checkInstant, scoreIssue } from './bounds.ts'
import { Instant, SourceRef } from './source-ref.ts'

/** One model for every survey answer: NPS (0–10), CSAT (2-, 3-, 5-point…), CES (1–7…), custom. */
export const SurveyKind = z.enum(['nps', 'csat', 'ces', 'custom'])
export type SurveyKind = z.infer<typeof SurveyKind>

export const Sentiment = z.enum(['positive', 'neutral', 'negative'])
export type Sentiment = z.infer<typeof Sentiment>

export const SurveyResponse = z
  .strictObject({
    ref: SourceRef,
    kind: SurveyKind,
    /** The answer on its own scale, e.g. 9 on 0–10, 4 on 1–5, 1 (bad) on 1–2. */
    score: z.number(),
    scale: z.strictObject({ min: z.number(), max: z.number() }),
    /** `(score - min) / (max - min)`: 0 is the worst answer, 1 the best. */
    normalised: z.number().min(0).max(1),
    /** Labels of the scale's options when the source names them (`Bad`, `Good`…), worst first. */
    labels: z.array(z.string()).optional(),
    comment: z.string().nullable(),
    /** Reasons picked by the respondent (closed-ended follow-ups). */
    reasons: z.array(z.string()),
    sentiment: Sentiment.nullable(),
    submittedAt: Instant,
    updatedAt: Instant,
    respondent: SourceRef.nullable(),
    ticket: SourceRef.nullable(),
    survey: z.strictObject({
      id: z.string(),
      name: z.string().nullable(),
      channel: z.string().nullable(),
    }),
    deleted: z.boolean(),
  })
  .superRefine((r, ctx) => {
    // The shared bounds (core/model/bounds.ts): one rule for every entry.
    const issue = scoreIssue(r.kind, r.score, r.scale)
    if (issue) ctx.addIssue({ code: 'custom', path: ['score'], message: issue })
    checkInstant(ctx, ['submittedAt'], r.submittedAt)
    checkInstant(ctx, ['updatedAt'], r.updatedAt)
  })
export type SurveyResponse = z.infer<typeof SurveyResponse>

/** Where a score falls on its scale, 0 (worst) to 1 (best). */
export function normalise(score: number, scale: { min: number; max: number }): number {
  return (score - scale.min) / (scale.max - scale.min)
}
