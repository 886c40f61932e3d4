import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { constantTimeEqual } from '../crypto.ts'
import { ProblemError, unauthorized } from '../problem.ts'
import { bearerToken } from './bearer.ts'

/** `/admin/*`: `Authorization: Bearer <CXLENS_ADMIN_TOKEN>`, compared in constant time. */
export function adminToken() {
  return createMiddleware<AppEnv>(async function adminTokenMiddleware(c, next) {
    const expected = c.env.CXLENS_ADMIN_TOKEN
    if (!expected) throw new ProblemError(503, 'The admin API is not configured on this deployment')
    const token = bearerToken(c)
    if (!token) throw unauthorized('Missing bearer token')
    if (!(await constantTimeEqual(token, expected))) throw unauthorized('Invalid admin token')
    await next()
  })
}
