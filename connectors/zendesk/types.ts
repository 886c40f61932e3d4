import { z } from 'zod'

/**
 * Raw Zendesk shapes, permissive on purpose: vendors add fields and loosen types, so only what the
 * mappers read is declared and everything else passes through. Envelopes are parsed in the streams
 * (an error names the endpoint); items are parsed in the mappers (a failure quarantines one record).
 * The exported objects (tickets, users, organizations, metric sets) strip what they do not declare
 * (`z.object`): unknown fields are still accepted, just not copied (a ticket carries its
 * description and custom fields twice, and the parse copied all of them for nothing).
 */

/** Support ids are integers (sometimes sent as digit strings); anything else is a broken record. */
const Id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/)]).transform(String)
const OptionalId = Id.nullish().transform((v) => v ?? null)
/** Guide objects (survey responses, surveys) use ULIDs. */
const Ulid = z.string().min(1)
const Text = z
  .string()
  .nullish()
  .transform((v) => v ?? null)

export const ZendeskOrganization = z.object({
  id: Id,
  name: z.string().nullish(),
  domain_names: z.array(z.string()).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  deleted_at: Text,
})
export type ZendeskOrganization = z.infer<typeof ZendeskOrganization>

export const ZendeskUser = z.object({
  id: Id,
  name: Text,
  email: Text,
  phone: Text,
  role: z.string(),
  organization_id: OptionalId,
  /** Free text set by the account's own systems (not a Zendesk id). */
  external_id: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((v) => (v == null || v === '' ? null : String(v))),
  locale: Text,
  active: z.boolean().nullish(),
  user_fields: z.record(z.string(), z.unknown()).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
})
export type ZendeskUser = z.infer<typeof ZendeskUser>

export const ZendeskTicket = z.object({
  id: Id,
  subject: Text,
  raw_subject: Text,
  status: z.string(),
  priority: Text,
  via: z.looseObject({ channel: z.union([z.string(), z.number()]).nullish() }).nullish(),
  requester_id: OptionalId,
  organization_id: OptionalId,
  tags: z.array(z.string()).nullish(),
  created_at: z.string(),
  updated_at: z.string(),
  generated_timestamp: z.number().nullish(),
})
export type ZendeskTicket = z.infer<typeof ZendeskTicket>

/** `{calendar, business}` minutes; either may be null before the event happened. */
const Minutes = z.looseObject({ calendar: z.number().nullish() }).nullish()

export const ZendeskTicketMetricSet = z.object({
  ticket_id: Id,
  reply_time_in_minutes: Minutes,
  full_resolution_time_in_minutes: Minutes,
  reopens: z.number().nullish(),
  replies: z.number().nullish(),
  requester_updated_at: Text,
  solved_at: Text,
})
export type ZendeskTicketMetricSet = z.infer<typeof ZendeskTicketMetricSet>

export const ZendeskSatisfactionRating = z.looseObject({
  id: Id,
  score: z.string(),
  ticket_id: OptionalId,
  requester_id: OptionalId,
  comment: Text,
  reason: Text,
  created_at: z.string(),
  updated_at: z.string(),
})
export type ZendeskSatisfactionRating = z.infer<typeof ZendeskSatisfactionRating>

/** A text content object (`{type: 'static'|'dynamic', value}`); tolerate a bare string too. */
const TextContent = z
  .union([z.string(), z.looseObject({ value: z.string().nullish() })])
  .nullish()
  .transform((v) => (typeof v === 'string' ? v : (v?.value ?? null)))

export const ZendeskRatingOption = z.looseObject({ rating: z.number(), label: TextContent })
export const ZendeskChoiceOption = z.looseObject({ id: z.string(), label: TextContent })

export const ZendeskSurveyQuestion = z.looseObject({
  id: z.string().nullish(),
  type: z.string().nullish(),
  sub_type: z.string().nullish(),
  alias: z.string().nullish(),
  options: z.array(z.looseObject({})).nullish(),
})

export const ZendeskSurveyAnswer = z.looseObject({
  type: z.string(),
  question: ZendeskSurveyQuestion.nullish(),
  rating: z.number().nullish(),
  /** Picked options: `{option: {id, label}}`, or only `{option_id}` (labels on the question). */
  selections: z
    .array(
      z.looseObject({
        option: z.looseObject({ id: z.string().nullish(), label: TextContent }).nullish(),
        option_id: z.string().nullish(),
      }),
    )
    .nullish(),
  /** The open-ended text; the reference names it `response`, older payloads `value`/`text`. */
  response: z.string().nullish(),
  value: z.string().nullish(),
  text: z.string().nullish(),
  created_at: Text,
  updated_at: Text,
})
export type ZendeskSurveyAnswer = z.infer<typeof ZendeskSurveyAnswer>

export const ZendeskSurveyResponse = z.looseObject({
  id: Ulid,
  answers: z.array(ZendeskSurveyAnswer),
  responder_id: OptionalId,
  subject_zrns: z.array(z.string()).nullish(),
  subjects: z.array(z.looseObject({ id: z.string(), type: z.string() })).nullish(),
  survey: z.looseObject({ id: Ulid, version: z.number().nullish() }).nullish(),
  survey_id: Ulid.nullish(),
  survey_version: z.number().nullish(),
  created_at: Text,
  updated_at: Text,
})
export type ZendeskSurveyResponse = z.infer<typeof ZendeskSurveyResponse>

// Envelopes: items stay unknown so one bad record cannot fail its page.

const Items = z.array(z.unknown())

export const CursorExportEnvelope = z.looseObject({
  after_cursor: z.string().nullish(),
  end_of_stream: z.boolean(),
})

export const TicketExportEnvelope = CursorExportEnvelope.extend({
  tickets: Items,
  metric_sets: Items.nullish(),
})

export const UserExportEnvelope = CursorExportEnvelope.extend({ users: Items })

export const OrganizationExportEnvelope = z.looseObject({
  organizations: Items,
  end_time: z.number().nullish(),
  end_of_stream: z.boolean(),
})

/** Zendesk cursor pagination (`page[size]`, `page[after]`). */
const CursorPageMeta = z.looseObject({
  meta: z
    .looseObject({ has_more: z.boolean().nullish(), after_cursor: z.string().nullish() })
    .nullish(),
  links: z.looseObject({ next: z.string().nullish() }).nullish(),
})
export type CursorPageMeta = z.infer<typeof CursorPageMeta>

export const SatisfactionRatingsEnvelope = CursorPageMeta.extend({ satisfaction_ratings: Items })

export const SurveyResponsesEnvelope = CursorPageMeta.extend({ survey_responses: Items })

export const SurveyResponseShowEnvelope = z.looseObject({ survey_response: z.unknown() })
