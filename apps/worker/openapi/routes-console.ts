import { z } from 'zod'
import type { RouteDoc } from './describe.ts'

const html = { description: 'HTML page', contentType: 'text/html', schema: z.string() }
const SignIn = z.object({
  token: z.string().describe('The deployment\u2019s admin token'),
  lang: z.enum(['en', 'fr']).optional(),
})

/** The admin console (apps/worker/console): its pages, sign-in and client bundle. */
export const consoleRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin',
    operationId: 'adminConsole',
    summary: 'The admin console, or its sign-in page without a session',
    description:
      '`?lang=en|fr` sets the language (kept in a cookie); `503` without an admin token.',
    tag: 'console',
    auth: 'adminConsole',
    query: z.object({ lang: z.enum(['en', 'fr']).optional() }),
    responses: { 200: html },
    problems: [503],
  },
  {
    method: 'post',
    path: '/admin/session',
    operationId: 'signIn',
    summary: 'Exchanges the admin token for the console\u2019s session cookie',
    description:
      'A form post answers `303` to `/admin` (or the sign-in page with `401`); JSON answers the ' +
      'session\u2019s expiry. The token is never stored in the page.',
    tag: 'console',
    auth: 'public',
    body: { 'application/json': SignIn, 'application/x-www-form-urlencoded': SignIn },
    responses: {
      200: { description: 'Signed in', schema: z.strictObject({ expiresAt: z.string() }) },
      303: { description: 'Signed in: to the console' },
    },
    problems: [400, 401, 503],
  },
  {
    method: 'delete',
    path: '/admin/session',
    operationId: 'signOut',
    summary: 'Clears the console\u2019s session cookie (same origin only)',
    tag: 'console',
    auth: 'adminConsole',
    responses: { 204: { description: 'Signed out' } },
    problems: [403],
  },
  {
    method: 'get',
    path: '/admin/console/app.js',
    operationId: 'consoleScript',
    summary: 'The console\u2019s client bundle',
    tag: 'console',
    auth: 'public',
    responses: {
      200: { description: 'JavaScript', contentType: 'text/javascript', schema: z.string() },
    },
    problems: [],
  },
  {
    method: 'get',
    path: '/admin/console/app.css',
    operationId: 'consoleStyles',
    summary: 'The console\u2019s styles',
    tag: 'console',
    auth: 'public',
    responses: { 200: { description: 'CSS', contentType: 'text/css', schema: z.string() } },
    problems: [],
  },
]
