import type { z } from 'zod'
import type { Credential } from './security.ts'

/** Problem statuses described once in `components.responses` (document.ts). */
export const PROBLEMS = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  413: 'PayloadTooLarge',
  415: 'UnsupportedMediaType',
  503: 'Unavailable',
  500: 'InternalError',
} as const
export type ProblemStatus = keyof typeof PROBLEMS

export interface ResponseDoc {
  description: string
  /** The body; absent: none (`204`). */
  schema?: z.ZodType
  /** `application/json` unless said. */
  contentType?: string
}

/**
 * One route of the app as the document shows it. Request schemas are the route's own validators
 * (exported from the route file), so the document cannot describe an input the route rejects.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** Exactly as Hono registers it on the app (`app.routes`): `/admin/tenants/:tenantId`. */
  path: string
  operationId: string
  summary: string
  description?: string
  tag: string
  auth: Credential
  params?: z.ZodType
  query?: z.ZodType
  /** Request bodies by content type. */
  body?: Record<string, z.ZodType>
  responses: Record<number, ResponseDoc>
  /** Problem responses the route can give besides `500` (added to every operation). */
  problems: ProblemStatus[]
}
