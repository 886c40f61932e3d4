import type { z } from 'zod'
import type { FetchContext } from '../../../core/sync/types.ts'
import { type HubSpotCredentials, withAuthorization } from '../auth.ts'

export interface CallTarget {
  baseUrl: string
  auth: HubSpotCredentials
}

/**
 * One HubSpot call through the engine's client, parsed at the edge. Every call draws from the
 * `daily` bucket too (the `account` bucket is implicit). We use fetch via `ctx.http`, not
 * `@hubspot/api-client`: its built-in retries ignore `Retry-After` and would bypass the shared budget.
 */
export async function callHubSpot<S extends z.ZodType>(
  ctx: FetchContext,
  target: CallTarget,
  schema: S,
  request: {
    method?: 'GET' | 'POST'
    path: string
    body?: unknown
    endpoint: string
    search?: boolean
  },
): Promise<z.infer<S>> {
  const raw = await withAuthorization(target.auth, (authorization) =>
    ctx.http.json(`${target.baseUrl.replace(/\/$/, '')}${request.path}`, {
      method: request.method ?? 'GET',
      headers: {
        authorization,
        accept: 'application/json',
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      endpoint: request.endpoint,
      buckets: request.search ? ['daily', 'search'] : ['daily'],
    }),
  )
  const parsed = schema.safeParse(raw)
  if (!parsed.success) {
    const paths = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new Error(`${request.endpoint}: unexpected response shape (${paths.join('; ')})`)
  }
  return parsed.data
}
