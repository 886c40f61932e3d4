import { z } from 'zod'
import type { FieldError, Problem as ProblemBody } from '../problem.ts'
import { agree } from './agree.ts'

export const FieldErrorSchema = z.strictObject({
  /** Where the bad value is: `body.auth.email`, `query.email`, `path.tenantId`. */
  field: z.string(),
  message: z.string(),
})

/** RFC 9457 problem details as `problem.ts` writes them; loose: a problem may carry extensions. */
export const ProblemSchema = z.looseObject({
  type: z.string().describe('`urn:cxlens:problem:<slug>`'),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string(),
  instance: z.string().describe('The request path'),
  errors: z.array(FieldErrorSchema).optional(),
})

agree<z.output<typeof FieldErrorSchema>, FieldError>(true)
agree<Pick<z.output<typeof ProblemSchema>, keyof ProblemBody>, ProblemBody>(true)
