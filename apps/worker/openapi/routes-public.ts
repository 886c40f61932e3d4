import { z } from 'zod'
import { CustomerView } from '../../../core/model/index.ts'
import { ResponseInput } from '../imports/response-input.ts'
import { SUBDOMAIN } from '../middleware/zendesk-webhook-signature.ts'
import { LookupQuery } from '../routes/customers.ts'
import { CustomerId } from '../routes/params.ts'
import { Frame, TokenRequest } from '../routes/preview.ts'
import { FeedQuery, JsonBody, MAX_ROWS } from '../routes/responses.ts'
import { HubspotEvent } from '../webhooks/hubspot-events.ts'
import type { RouteDoc } from './describe.ts'
import {
  Health,
  HubSpotWebhookReceipt,
  ImportProblem,
  ImportResult,
  OpenApiDocument,
  PreviewToken,
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

/** Health, the sidebars' reads (v1), survey imports, vendor webhooks, the demo preview, this document. */
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
    params: z.object({ subdomain: z.string().regex(SUBDOMAIN) }),
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
    body: { 'application/json': z.array(HubspotEvent).max(1000) },
    responses: { 200: { description: 'Receipt per portal', schema: HubSpotWebhookReceipt } },
    problems: [400, 401, 404, 413],
  },
  {
    method: 'get',
    path: '/preview',
    operationId: 'preview',
    summary: 'Demo only: the Zendesk sidebar as an agent sees it, with a customer picker',
    description: '`404` unless the deployment sets `CXLENS_PREVIEW_SECRET`.',
    tag: 'preview',
    auth: 'public',
    query: Frame,
    responses: { 200: { description: 'HTML page', contentType: 'text/html', schema: z.string() } },
    problems: [400, 404],
  },
  {
    method: 'get',
    path: '/preview/frame',
    operationId: 'previewFrame',
    summary: 'Demo only: the sidebar iframe with the ZAF stand-in',
    tag: 'preview',
    auth: 'public',
    query: Frame,
    responses: { 200: { description: 'HTML page', contentType: 'text/html', schema: z.string() } },
    problems: [400, 404],
  },
  {
    method: 'post',
    path: '/preview/token',
    operationId: 'previewToken',
    summary: 'Demo only: an HS256 sidebar JWT for the preview\u2019s subdomain',
    tag: 'preview',
    auth: 'public',
    body: { 'application/json': TokenRequest },
    responses: { 200: { description: 'A signed token', schema: PreviewToken } },
    problems: [400, 404],
  },
]
