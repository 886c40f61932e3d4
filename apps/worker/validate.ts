import type { Context, ValidationTargets } from 'hono'
import { validator } from 'hono/validator'
import type { z } from 'zod'
import { badRequest, ProblemError, validationError } from './problem.ts'

const WHERE: Record<string, string> = {
  json: 'body',
  query: 'query',
  param: 'path',
  header: 'header',
}

/** `application/json`, `application/problem+json`… with any parameters (RFC 6839 `+json`). */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i

/** The media type of a Content-Type header, lower-cased, without parameters; '' when absent. */
export const mediaTypeOf = (contentType: string | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase()

/** 415 unless the request says it carries JSON. */
export function requireJsonContentType(contentType: string | undefined): void {
  if (!JSON_MEDIA_TYPE.test(mediaTypeOf(contentType))) {
    throw new ProblemError(415, 'Send the body as application/json')
  }
}

/**
 * The one body reader of JSON routes: 415 without a JSON content type (a body read as `{}` would
 * silently reset every defaulted field), 400 naming `body` when the text is not JSON.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  requireJsonContentType(c.req.header('content-type'))
  const text = await c.req.text()
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw badRequest('The body is not valid JSON', [{ field: 'body', message: 'malformed JSON' }])
  }
}

/**
 * zod-validated input: `c.req.valid(target)` is the parsed value, and a failure is a 400 problem naming
 * each bad field (`body.auth.email`, `query.email`). A `json` body without a JSON content type is a
 * 415 (Hono's validator would read it as `{}`); malformed JSON is Hono's 400, a problem via onError.
 */
export function valid<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  return validator(target, (value, c): z.output<Schema> => {
    if (target === 'json') requireJsonContentType(c.req.header('content-type'))
    const result = schema.safeParse(value)
    if (!result.success) throw validationError(WHERE[target] ?? target, result.error)
    return result.data
  })
}
