import { z } from 'zod'
import { FeedConfig } from '../imports/mapping.ts'
import { CustomerId } from '../routes/params.ts'
import { HistoryQuery } from '../routes/customers.ts'
import { BoardParam, DashboardQuery } from '../routes/dashboards.ts'
import { Params as FeedParams, MAX_BYTES } from '../routes/feeds.ts'
import { TenantId } from '../routes/params.ts'
import type { RouteDoc } from './describe.ts'
import { ImportProblem } from './schemas-public.ts'
import {
  CustomerHistory,
  Dashboard,
  FeedDelivered,
  FeedSaved,
  FeedSecret,
} from './schemas-insight.ts'

const T = '/admin/tenants/:tenantId'
const BOARD_NOTE =
  'Boards: nps, csat, ces, friction, worklist, verbatims. `limit` and `offset` page the worklist ' +
  'and the verbatims; `risk` applies to the worklist only, `theme` to the verbatims only (`400` ' +
  'on another board). Verbatims: detractors\u2019 and unsatisfied raters\u2019 comments, newest ' +
  'first, with the theme counts of the tool and period.'

/** Dashboards (routes/dashboards.ts), survey feeds (routes/feeds.ts), a customer's history. */
export const insightRoutes: RouteDoc[] = [
  {
    method: 'get',
    path: '/v1/dashboards/:board',
    operationId: 'getDashboard',
    summary: 'A CX dashboard of the tenant (maintained by the derive, no vendor call)',
    description: BOARD_NOTE,
    tag: 'v1',
    auth: 'tenantApiKey',
    params: z.object({ board: BoardParam }),
    query: DashboardQuery,
    responses: { 200: { description: 'The board', schema: Dashboard } },
    problems: [400, 401],
  },
  {
    method: 'get',
    path: `${T}/dashboards/:board`,
    operationId: 'getTenantDashboard',
    summary: 'A CX dashboard of a tenant',
    description: BOARD_NOTE,
    tag: 'insight',
    auth: 'admin',
    params: z.object({ tenantId: TenantId, board: BoardParam }),
    query: DashboardQuery,
    responses: { 200: { description: 'The board', schema: Dashboard } },
    problems: [400, 401, 404],
  },
  {
    method: 'put',
    path: `${T}/feeds/:feed`,
    operationId: 'putFeed',
    summary: 'Save a feed\u2019s format: a survey-tool preset or a column mapping',
    tag: 'insight',
    auth: 'admin',
    params: FeedParams,
    body: { 'application/json': FeedConfig },
    responses: { 200: { description: 'The saved format', schema: FeedSaved } },
    problems: [400, 401, 404, 415],
  },
  {
    method: 'get',
    path: `${T}/feeds/:feed`,
    operationId: 'getFeed',
    summary: 'A feed\u2019s saved format (null: none)',
    tag: 'insight',
    auth: 'admin',
    params: FeedParams,
    responses: { 200: { description: 'The saved format', schema: FeedSaved } },
    problems: [400, 401, 404],
  },
  {
    method: 'post',
    path: `${T}/feeds/:feed/secret`,
    operationId: 'newFeedSecret',
    summary: 'A new signing secret for a feed\u2019s webhook, shown once',
    tag: 'insight',
    auth: 'admin',
    params: FeedParams,
    responses: { 201: { description: 'The secret and how to sign', schema: FeedSecret } },
    problems: [400, 401, 404],
  },
  {
    method: 'post',
    path: '/hooks/feeds/:tenantId/:feed',
    operationId: 'feedWebhook',
    summary: 'A survey tool pushing responses, signed with the feed\u2019s secret',
    description:
      'Read with the feed\u2019s saved format, else cxlens\u2019s own JSON shape (`{responses: [...]}`). ' +
      `An unknown tenant or feed answers as a bad signature (\`401\`). At most ${MAX_BYTES} bytes.`,
    tag: 'webhooks',
    auth: 'feedWebhook',
    params: FeedParams,
    body: {
      'application/json': z.unknown().describe('In the feed\u2019s saved format'),
      'text/csv': z.string().describe('In the feed\u2019s saved format'),
    },
    responses: {
      200: { description: 'Valid rows stored, the others named', schema: FeedDelivered },
      422: {
        description: 'No row is valid',
        schema: ImportProblem,
        contentType: 'application/problem+json',
      },
    },
    problems: [400, 401, 413],
  },
  {
    method: 'get',
    path: '/v1/customers/:id/history',
    operationId: 'getCustomerHistory',
    summary: 'One kind of what the capped customer view leaves out, newest first, a page at a time',
    tag: 'v1',
    auth: 'customer',
    params: z.object({ id: CustomerId }),
    query: HistoryQuery,
    responses: { 200: { description: 'A page of history', schema: CustomerHistory } },
    problems: [400, 401, 404],
  },
]
