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
// zod runs the refinement even after the url check failed: guard `new URL` so it cannot throw.
const BaseUrl = z
  .url({ protocol: /^https?$/ })
  .refine((u) => !URL.canParse(u) || !new URL(u).search, 'no query string')

export const Schedule = z.strictObject({
  everyMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
})
export type Schedule = z.infer<typeof Schedule>

export const DEFAULT_SCHEDULE: Schedule = { everyMinutes: 5 }

const perWindow = (max: number) => z.number().int().min(1).max(max).optional()

/**
 * The Zendesk plan's limits (docs: "Rate limits"): account requests per minute, Team 200,
 * Growth/Professional 400, Enterprise 700 (the default), Enterprise Plus or High Volume add-on 2500;
 * incremental exports per minute, 10 (default) or 30 with High Volume.
 */
export const ZendeskLimits = z.strictObject({
  accountPerMinute: perWindow(100_000),
  exportPerMinute: perWindow(1000),
})
export type ZendeskLimits = z.infer<typeof ZendeskLimits>

/**
 * The HubSpot portal's limits (docs: "API usage guidelines and limits"): requests per 10 s (190
 * Pro/Enterprise private apps, the default; 100 Free/Starter; 110 public apps), per day, and
 * searches per second (5).
 */
export const HubspotLimits = z.strictObject({
  tenSecondly: perWindow(100_000),
  daily: perWindow(1_000_000_000),
  searchPerSecond: perWindow(1000),
})
export type HubspotLimits = z.infer<typeof HubspotLimits>

/** Backfill from this day or instant (ISO 8601); the exports start there instead of at 0. */
export const StartTime = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .refine((t) => Date.parse(t) <= Date.now(), 'not in the future')
  .transform((t) => new Date(Date.parse(t)).toISOString())

export const ZendeskConnectionInput = z
  .strictObject({
    source: z.literal('zendesk'),
    subdomain: Subdomain.optional(),
    baseUrl: BaseUrl.optional(),
    /** The account name in records and lookups; defaults to the subdomain. */
    account: Subdomain.optional(),
    auth: ZendeskAuth,
    schedule: Schedule.optional(),
    limits: ZendeskLimits.optional(),
    startTime: StartTime.optional(),
  })
  .refine((c) => c.subdomain !== undefined || c.baseUrl !== undefined, {
    message: 'give a subdomain or a baseUrl',
    path: ['subdomain'],
  })
  .refine((c) => c.subdomain !== undefined || c.baseUrl === undefined || c.account !== undefined, {
    message: 'name the account when connecting by baseUrl',
    path: ['account'],
  })
export type ZendeskConnectionInput = z.infer<typeof ZendeskConnectionInput>

/** How an admin connects a HubSpot portal: a private app token or an OAuth access token. */
export const HubspotAuth = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('private_app'), token: z.string().min(1).max(2000) }),
  z.strictObject({ kind: z.literal('oauth'), accessToken: z.string().min(1).max(2000) }),
])
export type HubspotAuth = z.infer<typeof HubspotAuth>

export const HubspotConnectionInput = z.strictObject({
  source: z.literal('hubspot'),
  portalId: z.string().regex(/^[1-9][0-9]{0,19}$/, 'a HubSpot portal id'),
  /** `https://api.hubapi.com` by default; a sandbox or a recorded replay otherwise. */
  baseUrl: BaseUrl.optional(),
  auth: HubspotAuth,
  schedule: Schedule.optional(),
  limits: HubspotLimits.optional(),
})
export type HubspotConnectionInput = z.infer<typeof HubspotConnectionInput>

export const ConnectionInput = z.discriminatedUnion('source', [
  ZendeskConnectionInput,
  HubspotConnectionInput,
])
export type ConnectionInput = z.infer<typeof ConnectionInput>

/** Credentials of a connection of either source, as sealed in its blob. */
export type ConnectionAuth = ZendeskAuth | HubspotAuth
export const authSchemaFor = (source: string) =>
  source === 'hubspot' ? HubspotAuth : (ZendeskAuth as z.ZodType<ConnectionAuth>)

/** The connection as every API shows it: never a secret. */
export const ConnectionSummary = z.strictObject({
  id: z.string(),
  source: z.enum(['zendesk', 'hubspot']),
  account: z.string(),
  baseUrl: z.string(),
  auth: z.strictObject({ kind: z.enum(['api_token', 'oauth', 'private_app']) }),
  schedule: Schedule,
  /** The plan limits given at connection time; absent: the vendor's defaults above. */
  limits: z.union([ZendeskLimits, HubspotLimits]).optional(),
  /** Zendesk: where the backfill starts (ISO instant); absent: from the beginning. */
  startTime: z.string().optional(),
  createdAt: z.string(),
  nextRunAt: z.string().nullable(),
})
export type ConnectionSummary = z.infer<typeof ConnectionSummary>

export const HUBSPOT_API = 'https://api.hubapi.com'

export function resolveAccount(input: ConnectionInput): { account: string; baseUrl: string } {
  if (input.source === 'hubspot') {
    return { account: input.portalId, baseUrl: (input.baseUrl ?? HUBSPOT_API).replace(/\/+$/, '') }
  }
  const account = (input.account ?? input.subdomain)!.toLowerCase()
  const baseUrl = (
    input.baseUrl ?? `https://${input.subdomain!.toLowerCase()}.zendesk.com`
  ).replace(/\/+$/, '')
  return { account, baseUrl }
}
