import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'

/**
 * Every error leaves the worker as `application/problem+json` (RFC 9457), built in one place.
 * A user's mistake is a 4xx naming what was wrong; a bug is a bare 500 that leaks nothing.
 */

export interface FieldError {
  /** Where the bad value is: `body.auth.email`, `query.email`, `path.tenantId`. */
  field: string
  message: string
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  instance: string
  errors?: FieldError[]
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
}

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'unprocessable',
  500: 'internal',
}

const typeFor = (slug: string): string => `urn:cxlens:problem:${slug}`

/** An error meant for the caller: its detail is safe to show. */
export class ProblemError extends HTTPException {
  readonly slug: string
  readonly errors: FieldError[] | undefined
  readonly extensions: Record<string, unknown> | undefined

  constructor(
    status: ContentfulStatusCode,
    detail: string,
    options: {
      slug?: string
      errors?: FieldError[]
      extensions?: Record<string, unknown>
      cause?: unknown
    } = {},
  ) {
    super(status, { message: detail, cause: options.cause })
    this.slug = options.slug ?? SLUGS[status] ?? 'error'
    this.errors = options.errors
    this.extensions = options.extensions
  }
}

export const badRequest = (detail: string, errors?: FieldError[]): ProblemError =>
  new ProblemError(400, detail, { slug: errors ? 'validation' : 'bad-request', errors })
export const unauthorized = (detail: string): ProblemError => new ProblemError(401, detail)
export const notFound = (detail: string): ProblemError => new ProblemError(404, detail)

/** zod issues → field errors prefixed by where the input came from (`body`, `query`, `path`). */
export function fieldErrors(where: string, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }))
}

export function validationError(where: string, error: z.ZodError): ProblemError {
  const errors = fieldErrors(where, error)
  const fields = [...new Set(errors.map((e) => e.field))].join(', ')
  return badRequest(`Invalid ${fields}`, errors)
}

export function problemResponse(
  c: Context,
  problem: Omit<Problem, 'instance' | 'type'> & {
    slug: string
    /** RFC 9457 extension members (e.g. the rejected rows of an import). */
    extensions?: Record<string, unknown> | undefined
  },
): Response {
  const body: Problem & Record<string, unknown> = {
    ...problem.extensions,
    type: typeFor(problem.slug),
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: new URL(c.req.url).pathname,
    ...(problem.errors ? { errors: problem.errors } : {}),
  }
  const headers = new Headers({ 'content-type': 'application/problem+json' })
  if (problem.status === 401) headers.set('www-authenticate', 'Bearer realm="cxlens"')
  return new Response(JSON.stringify(body), { status: problem.status, headers })
}

/** The one `onError`: known errors keep their status and detail, anything else is a bare 500. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof ProblemError) {
    return problemResponse(c, {
      slug: err.slug,
      title: TITLES[err.status] ?? 'Error',
      status: err.status,
      detail: err.message,
      ...(err.errors ? { errors: err.errors } : {}),
      extensions: err.extensions,
    })
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Hono's own 4xx (malformed JSON body, body limit…): its message names the problem, no internals.
    return problemResponse(c, {
      slug: SLUGS[err.status] ?? 'error',
      title: TITLES[err.status] ?? 'Error',
      status: err.status,
      detail: err.message || (TITLES[err.status] ?? 'Error'),
    })
  }
  // A bug: logged with its route (our errors carry ids and endpoints, never personal data), and the
  // caller gets nothing from inside.
  console.error(
    JSON.stringify({
      level: 'error',
      event: 'unhandled',
      method: c.req.method,
      route: c.req.routePath,
      error: err.name,
      message: err.message,
    }),
  )
  return problemResponse(c, {
    slug: 'internal',
    title: TITLES[500]!,
    status: 500,
    detail: 'An unexpected error occurred; it has been logged.',
  })
}

export function onNotFound(c: Context): Response {
  return problemResponse(c, {
    slug: 'not-found',
    title: TITLES[404]!,
    status: 404,
    detail: `No route for ${c.req.method} ${new URL(c.req.url).pathname}`,
  })
}
