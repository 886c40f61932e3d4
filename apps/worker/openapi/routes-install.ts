import { z } from 'zod'
import type { ResponseDoc, RouteDoc } from './describe.ts'
import { ProblemSchema } from './problem-schema.ts'

/**
 * The OAuth install (routes/install.ts, oauth.ts, connect.ts). These read their query by hand (no
 * zod validator to export); the schemas below describe what they read.
 */
const Link = z
  .string()
  .describe('The connect page\u2019s signed link: joins this install to that page\u2019s tenant')
const ZendeskInstallQuery = z.object({
  subdomain: z.string().describe('Your Zendesk subdomain'),
  link: Link.optional(),
})
const HubSpotInstallQuery = z.object({ link: Link.optional() })
const CallbackQuery = z.object({
  state: z.string().describe('The signed, single-use state the install started with (10 min)'),
  code: z.string().optional().describe('The authorization code'),
  error: z.string().optional().describe('Set when the admin declined'),
})
const Html = z.string().describe('An HTML page')
const html = (description: string) => ({ description, schema: Html, contentType: 'text/html' })
const problem = (description: string) => ({
  description,
  schema: ProblemSchema,
  contentType: 'application/problem+json',
})

const start = (vendor: 'zendesk' | 'hubspot', query: z.ZodType): RouteDoc => ({
  method: 'get',
  path: `/install/${vendor}`,
  operationId: vendor === 'zendesk' ? 'startZendeskInstall' : 'startHubSpotInstall',
  summary: `Start installing ${vendor === 'zendesk' ? 'Zendesk' : 'HubSpot'}: redirect to its consent page`,
  description:
    'The redirect carries a signed, short-lived, single-use `state` and a PKCE challenge.',
  tag: 'install',
  auth: 'public',
  query,
  responses: { 302: { description: 'To the vendor\u2019s consent page' } },
  problems: [400, 503],
})

const callback = (vendor: 'zendesk' | 'hubspot'): RouteDoc => ({
  method: 'get',
  path: `/oauth/${vendor}/callback`,
  operationId: vendor === 'zendesk' ? 'zendeskOAuthCallback' : 'hubSpotOAuthCallback',
  summary: `The ${vendor === 'zendesk' ? 'Zendesk' : 'HubSpot'} consent\u2019s redirect back`,
  description:
    'Proved by its `state` (signature, expiry, vendor, single use) before the code is exchanged. ' +
    'Sets the `cxlens_connect` session cookie.',
  tag: 'install',
  auth: 'public',
  query: CallbackQuery,
  responses: {
    ...(vendor === 'zendesk'
      ? { 200: html('A new Zendesk install: the sidebar app\u2019s shared secret, shown once') }
      : ({} as Record<number, ResponseDoc>)),
    303: { description: 'Installed: to `/connect`' },
    502: problem('The vendor did not complete the code exchange'),
  },
  problems: [400, 409, 503],
})

export const installRoutes: RouteDoc[] = [
  start('zendesk', ZendeskInstallQuery),
  start('hubspot', HubSpotInstallQuery),
  callback('zendesk'),
  callback('hubspot'),
  {
    method: 'get',
    path: '/connect',
    operationId: 'connectPage',
    summary:
      'The install session\u2019s tenant: both tools\u2019 state and a link to add the other',
    tag: 'install',
    auth: 'connectSession',
    responses: { 200: html('The connect page') },
    problems: [401],
  },
]
