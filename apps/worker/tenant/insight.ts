import type { RiskLevel } from '../../../core/model/index.ts'
import type { DashboardFilter, TenantStore } from '../../../core/store/index.ts'

export const BOARDS = ['nps', 'csat', 'ces', 'friction', 'worklist'] as const
export type Board = (typeof BOARDS)[number]

/** A CX insight request to the tenant object (one RPC, `Tenant.insight`). */
export type InsightRequest = {
  op: 'dashboard'
  board: Board
  filter: DashboardFilter & { limit?: number; offset?: number; risk?: RiskLevel }
}

/**
 * Dashboards read the running totals the derive keeps (core/store/dashboards.ts): a few rows per
 * month, whatever the number of customers.
 */
export function handleInsight(store: TenantStore, request: InsightRequest) {
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
  }
}
