import { z } from 'zod'

/** How an admin connects a Zendesk account. The token lives only encrypted inside the tenant. */
export const ZendeskAuth = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('api_token'),
    email: z.email(),
    token: z.string().min(1).max(200),
  }),
  z.strictObject({ kind: z.literal('oauth'), accessToken: z.string().min(1).max(2000) }),
])
export type ZendeskAuth = z.infer<typeof ZendeskAuth>

const Subdomain = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i, 'a Zendesk subdomain: letters, digits, hyphens')

/** Any server that speaks Zendesk's API: the real one, a sandbox, a recorded replay. */
const BaseUrl = z.url({ protocol: /^https?$/ }).refine((u) => !new URL(u).search, 'no query string')

export const Schedule = z.strictObject({
  everyMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
})
export type Schedule = z.infer<typeof Schedule>

export const DEFAULT_SCHEDULE: Schedule = { everyMinutes: 5 }

export const ConnectionInput = z
  .strictObject({
    source: z.literal('zendesk'),
    subdomain: Subdomain.optional(),
    baseUrl: BaseUrl.optional(),
    /** The account name in records and lookups; defaults to the subdomain. */
    account: Subdomain.optional(),
    auth: ZendeskAuth,
    schedule: Schedule.optional(),
  })
  .refine((c) => c.subdomain !== undefined || c.baseUrl !== undefined, {
    message: 'give a subdomain or a baseUrl',
    path: ['subdomain'],
  })
  .refine((c) => c.subdomain !== undefined || c.baseUrl === undefined || c.account !== undefined, {
    message: 'name the account when connecting by baseUrl',
    path: ['account'],
  })
export type ConnectionInput = z.infer<typeof ConnectionInput>

/** The connection as every API shows it: never a secret. */
export const ConnectionSummary = z.strictObject({
  id: z.string(),
  source: z.literal('zendesk'),
  account: z.string(),
  baseUrl: z.string(),
  auth: z.strictObject({ kind: z.enum(['api_token', 'oauth']) }),
  schedule: Schedule,
  createdAt: z.string(),
  nextRunAt: z.string().nullable(),
})
export type ConnectionSummary = z.infer<typeof ConnectionSummary>

export function resolveAccount(input: ConnectionInput): { account: string; baseUrl: string } {
  const account = (input.account ?? input.subdomain)!.toLowerCase()
  const baseUrl = (
    input.baseUrl ?? `https://${input.subdomain!.toLowerCase()}.zendesk.com`
  ).replace(/\/+$/, '')
  return { account, baseUrl }
}
