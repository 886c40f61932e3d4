import type { RiskLevel, VerbatimTheme } from '../../../core/model/index.ts'
import type { DashboardFilter, TenantStore } from '../../../core/store/index.ts'
import { importResponses } from '../imports/import-responses.ts'
import { FeedConfig, readWithConfig } from '../imports/mapping.ts'
import { PresetError } from '../imports/presets/index.ts'
import { validateRows } from '../imports/validate-rows.ts'
import type { Feeds } from './feeds.ts'

export const BOARDS = ['nps', 'csat', 'ces', 'friction', 'worklist', 'verbatims'] as const
export type Board = (typeof BOARDS)[number]

/** A CX insight request to the tenant object (one RPC, `Tenant.insight`). */
export type InsightRequest =
  | {
      op: 'dashboard'
      board: Board
      filter: DashboardFilter & {
        limit?: number
        offset?: number
        risk?: RiskLevel
        theme?: VerbatimTheme
      }
    }
  | { op: 'feed.get'; feed: string }
  | { op: 'feed.put'; feed: string; config: FeedConfig }
  | { op: 'feed.secret'; feed: string }
  | {
      op: 'feed.deliver'
      feed: string
      timestamp: string
      signature: string
      mediaType: string
      body: string
    }

export interface InsightContext {
  store: TenantStore
  feeds: Feeds
  tenantId: () => string
  nowMs: number
}

/** What a signed delivery came to: refused, unreadable, or imported (as `POST /v1/responses`). */
export type Delivery =
  | { status: 'unsigned' }
  | { status: 'unreadable'; message: string }
  | {
      status: 'imported'
      accepted: number
      written: number
      unchanged: number
      rejected: { row: number; field: string; reason: string }[]
    }

/** Rows in cxlens's own JSON shape: `{responses: [...]}` or one response. */
function ownShape(mediaType: string, body: string): unknown[] {
  if (mediaType !== 'application/json') throw new PresetError('send application/json')
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    throw new PresetError('the body is not JSON')
  }
  const list = (json as { responses?: unknown }).responses
  return Array.isArray(list) ? list : [json]
}

async function deliver(
  ctx: InsightContext,
  request: Extract<InsightRequest, { op: 'feed.deliver' }>,
): Promise<Delivery> {
  if (!(await ctx.feeds.verify(ctx.tenantId(), request, ctx.nowMs))) return { status: 'unsigned' }
  let rows: unknown[]
  try {
    const config = ctx.feeds.config(request.feed)
    rows = config
      ? readWithConfig(config, request.mediaType, request.body)
      : ownShape(request.mediaType, request.body)
  } catch (error) {
    if (error instanceof PresetError) return { status: 'unreadable', message: error.message }
    throw error
  }
  const { valid, rejected } = validateRows(rows)
  const result = valid.length
    ? await importResponses(ctx.store, request.feed, valid, ctx.nowMs)
    : { written: 0, unchanged: 0, rejected: [] }
  return {
    status: 'imported',
    accepted: result.written + result.unchanged,
    written: result.written,
    unchanged: result.unchanged,
    rejected: [...rejected, ...result.rejected].sort((a, b) => a.row - b.row),
  }
}

/**
 * Dashboards read the running totals the derive keeps (core/store/dashboards.ts): a few rows per
 * month, whatever the number of customers. Feeds keep a survey tool's format and webhook secret.
 */
export async function handleInsight(ctx: InsightContext, request: InsightRequest) {
  const { store } = ctx
  switch (request.op) {
    case 'feed.get':
      return { feed: request.feed, config: ctx.feeds.config(request.feed) }
    case 'feed.put':
      return {
        feed: request.feed,
        config: ctx.feeds.putConfig(request.feed, FeedConfig.parse(request.config), ctx.nowMs),
      }
    case 'feed.secret':
      return {
        feed: request.feed,
        secret: await ctx.feeds.newSecret(ctx.tenantId(), request.feed, ctx.nowMs),
      }
    case 'feed.deliver':
      return deliver(ctx, request)
    case 'dashboard':
      break
  }
  const { board, filter } = request
  switch (board) {
    case 'nps':
      return { board, ...store.npsDashboard(filter) }
    case 'csat':
      return { board, ...store.csatDashboard(filter) }
    case 'ces':
      return { board, ...store.cesDashboard(filter) }
    case 'friction':
      return { board, ...store.frictionDashboard(filter) }
    case 'worklist':
      return { board, ...store.worklist(filter) }
    case 'verbatims':
      return { board, verbatims: store.verbatimsDashboard(filter) }
  }
}
