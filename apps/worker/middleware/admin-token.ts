import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { hasSession } from '../console/session.ts'
import { isSafeMethod, isSameOriginRequest } from '../console/same-origin.ts'
import { constantTimeEqual } from '../crypto.ts'
import { ProblemError, unauthorized } from '../problem.ts'
import { bearerToken } from './bearer.ts'

/**
 * `/admin/*`: `Authorization: Bearer <CXLENS_ADMIN_TOKEN>`, compared in constant time; or, with no
 * Authorization header, the admin console's session cookie (`console/session.ts`), whose
 * state-changing requests must come from the console's own origin.
 */
export function adminToken() {
  return createMiddleware<AppEnv>(async function adminTokenMiddleware(c, next) {
    const expected = c.env.CXLENS_ADMIN_TOKEN
    if (!expected) throw new ProblemError(503, 'The admin API is not configured on this deployment')
    const token = bearerToken(c)
    if (!token && !c.req.header('authorization') && (await hasSession(c, expected))) {
      if (!isSafeMethod(c.req.method) && !isSameOriginRequest(c)) {
        throw new ProblemError(
          403,
          'Cross-site request refused: the console session only acts from the console',
        )
      }
      return next()
    }
    if (!token) throw unauthorized('Missing bearer token')
    if (!(await constantTimeEqual(token, expected))) throw unauthorized('Invalid admin token')
    await next()
  })
}
