import type { ValidationTargets } from 'hono'
import { validator } from 'hono/validator'
import type { z } from 'zod'
import { validationError } from './problem.ts'

const WHERE: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
}

/**
 * zod-validated input: `c.req.valid(target)` is the parsed value, and a failure is a 400 problem naming
 * each bad field (`body.auth.email`, `query.email`).
 */
export function valid<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return validator(target, (value): z.output<Schema> => {
    const result = schema.safeParse(value)
    if (!result.success) throw validationError(WHERE[target] ?? target, result.error)
    return result.data
  })
}
