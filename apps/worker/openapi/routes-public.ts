import { z } from 'zod'
import { CustomerView } from '../../../core/model/index.ts'
import { ResponseInput } from '../imports/response-input.ts'
import { LookupQuery } from '../routes/customers.ts'
import { CustomerId } from '../routes/params.ts'
import { FeedQuery, JsonBody, MAX_ROWS } from '../routes/responses.ts'
import { HubSpotEvent } from '../../../connectors/hubspot/index.ts'
import { ZENDESK_SUBDOMAIN } from '../../../connectors/zendesk/index.ts'
import type { RouteDoc } from './describe.ts'
import {
  Health,
  HubSpotWebhookReceipt,
  ImportProblem,
  ImportResult,
  OpenApiDocument,
  WebhookReceipt,
} from './schemas-public.ts'

/**
 * The route takes `{responses: unknown[]}` and checks each row on its own (a bad row is rejected,
 * the others are stored): the document shows what a valid row is.
 */
const ResponsesJson = JsonBody.extend({ responses: z.array(ResponseInput).min(1).max(MAX_ROWS) })
const ResponsesCsv = z
  .string()
  .describe(
    'A header row naming the JSON members (`id,kind,score,submittedAt,email,…`; nested ones dotted: ' +
      '`ticket.id`), then 1 to 1000 rows',
  )

/** Health, the sidebars' reads (v1), survey imports, vendor webhooks, this document. (The demo's /preview is not production's.) */
export const publicRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness (touches no binding)',
    tag: 'public',
    auth: 'public',
    responses: { 200: { description: 'Running', schema: Health } },
    problems: [],
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'openApiDocument',
    summary: 'This document',
    tag: 'public',
    auth: 'public',
    responses: { 200: { description: 'OpenAPI 3.1', schema: OpenApiDocument } },
    problems: [],
  },
  {
    method: 'get',
    path: '/v1/customers/lookup',
    operationId: 'lookupCustomer',
    summary: 'The customer view of a vendor id or an email',
    description:
      'Exactly one of `zendesk_user_id`, `zendesk_ticket_id`, `hubspot_contact_id`, ' +
      '`hubspot_ticket_id`, `email`. A HubSpot-signed request reads its signed `portalId`; a ZAF JWT ' +
      'its own subdomain when connected; else `account`, else the tenant\u2019s only account of that ' +
      'vendor (`400 query.account` listing them when several). Other parameters are ignored.',
    tag: 'v1',
    auth: 'customer',
    query: LookupQuery,
    responses: { 200: { description: 'The customer view', schema: CustomerView } },
    problems: [400, 401, 404],
  },
  {
    method: 'get',
    path: '/v1/customers/:id',
    operationId: 'getCustomer',
    summary: 'A customer view by id',
    tag: 'v1',
    auth: 'customer',
    params: z.object({ id: CustomerId }),
    responses: { 200: { description: 'The customer view', schema: CustomerView } },
    problems: [400, 401, 404],
  },
  {
    method: 'post',
    path: '/v1/responses',
    operationId: 'importResponses',
    summary: 'Survey answers (NPS, CSAT, CES) from any tool, JSON or CSV; idempotent by id',
    description:
      'With `preset`, the body is that survey tool\u2019s own export in its media type (`415` for ' +
      'another, `400` for another tool\u2019s layout); with `feed` and no preset, the feed\u2019s ' +
      'saved format when it has one; else the rows below.',
    tag: 'v1',
    auth: 'tenantApiKey',
    query: FeedQuery,
    body: { 'application/json': ResponsesJson, 'text/csv': ResponsesCsv },
    responses: {
      200: { description: 'Valid rows stored, the others named', schema: ImportResult },
      422: {
        description: 'No row is valid',
        schema: ImportProblem,
        contentType: 'application/problem+json',
      },
    },
    problems: [400, 401, 413, 415],
  },
  {
    method: 'post',
    path: '/webhooks/zendesk/:subdomain',
    operationId: 'zendeskWebhook',
    summary: 'A Zendesk webhook delivery (trigger, automation or event subscription)',
    description: '`404` when the subdomain has no webhook secret (`PUT …/webhooks/zendesk`).',
    tag: 'webhooks',
    auth: 'zendeskWebhook',
    params: z.object({ subdomain: z.string().regex(ZENDESK_SUBDOMAIN) }),
    body: { 'application/json': z.record(z.string(), z.unknown()).describe('One Zendesk event') },
    responses: { 200: { description: 'Receipt', schema: WebhookReceipt } },
    problems: [400, 401, 404, 413],
  },
  {
    method: 'post',
    path: '/webhooks/hubspot',
    operationId: 'hubSpotWebhook',
    summary: 'The HubSpot app\u2019s webhook deliveries (events of any installed portal)',
    description:
      'Malformed events and events of portals the signing secret does not vouch for are counted ' +
      'in `ignored`; `404` when no event is of an installed portal.',
    tag: 'webhooks',
    auth: 'hubspotWebhook',
    body: { 'application/json': z.array(HubSpotEvent).max(1000) },
    responses: { 200: { description: 'Receipt per portal', schema: HubSpotWebhookReceipt } },
    problems: [400, 401, 404, 413],
  },
]
