import type { DashboardContribution, Month } from '../dashboards/contributions.ts'
import type { RiskLevel, Source } from '../model/index.ts'
import { insertVerbatims, VERBATIM_TABLES } from './dashboard-verbatims.ts'
import type { SqlPort } from './port.ts'

const SHARE_TABLES = [
  'dash_nps_month',
  'dash_csat_month',
  'dash_ces_month',
  'dash_friction_month',
  'dash_worklist',
  ...VERBATIM_TABLES,
] as const

const jsonList = (values: readonly unknown[]) => JSON.stringify(values)

/** Removes the customers' shares; the tables' triggers take them off the totals. */
export function deleteDashboardShares(sql: SqlPort, customerIds: readonly string[]): void {
  const list = jsonList(customerIds)
  for (const table of SHARE_TABLES) {
    sql.run(`DELETE FROM ${table} WHERE customer_id IN (SELECT value FROM json_each(?))`, list)
  }
}

/**
 * Replaces one customer's share of every dashboard (call inside the derive's transaction, next to
 * the view write). A few statements per customer: rows travel as one JSON array per table.
 */
export function saveDashboardShare(
  sql: SqlPort,
  customerId: string,
  share: DashboardContribution,
): void {
  for (const table of SHARE_TABLES)
    sql.run(`DELETE FROM ${table} WHERE customer_id = ?`, customerId)
  const j = (field: string) => `json_extract(value, '$.${field}')`
  if (share.nps.length) {
    sql.run(
      `INSERT INTO dash_nps_month SELECT ?, ${j('month')}, ${j('source')}, ${j('promoters')},
         ${j('passives')}, ${j('detractors')} FROM json_each(?)`,
      customerId,
      jsonList(share.nps),
    )
  }
  for (const [table, rows] of [
    ['dash_csat_month', share.csat],
    ['dash_ces_month', share.ces],
  ] as const) {
    if (!rows.length) continue
    sql.run(
      `INSERT INTO ${table} SELECT ?, ${j('month')}, ${j('source')}, ${j('satisfied')},
         ${j('neutral')}, ${j('unsatisfied')}, ${j('normalisedSum')} FROM json_each(?)`,
      customerId,
      jsonList(rows),
    )
  }
  if (share.friction.length) {
    sql.run(
      `INSERT INTO dash_friction_month SELECT ?, ${j('month')}, ${j('source')}, ${j('kind')},
         ${j('points')}, ${j('open')} FROM json_each(?)`,
      customerId,
      jsonList(share.friction),
    )
  }
  const w = share.worklist
  if (w) {
    sql.run(
      `INSERT INTO dash_worklist (customer_id, display_name, risk, latest_detractor_at, source,
         score, open_friction) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      customerId,
      w.displayName,
      w.risk,
      w.latestDetractorAt,
      w.source,
      w.score,
      w.openFriction,
    )
  }
  insertVerbatims(sql, customerId, share.verbatims)
}

/** Which tool's answers, and which months (`YYYY-MM`, both ends included). */
export interface DashboardFilter {
  source?: Source
  from?: Month
  to?: Month
}

/** The filter as SQL on a table with `month` and `source` columns. */
function where(filter: DashboardFilter): { clause: string; params: string[] } {
  const parts: string[] = []
  const params: string[] = []
  if (filter.source) parts.push('source = ?') && params.push(filter.source)
  if (filter.from) parts.push('month >= ?') && params.push(filter.from)
  if (filter.to) parts.push('month <= ?') && params.push(filter.to)
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

export interface NpsMonthSums {
  month: Month
  promoters: number
  passives: number
  detractors: number
}

export interface RatingMonthSums {
  month: Month
  satisfied: number
  neutral: number
  unsatisfied: number
  normalisedSum: number
}

export interface FrictionMonthSums {
  month: Month
  kind: string
  points: number
  open: number
}

const num = (v: unknown) => Number(v ?? 0)

/** NPS answers per month from the running totals (no customer row is read). */
export function npsByMonth(sql: SqlPort, filter: DashboardFilter): NpsMonthSums[] {
  const { clause, params } = where(filter)
  return sql
    .all(
      `SELECT month, sum(promoters) AS p, sum(passives) AS pa, sum(detractors) AS d
       FROM dash_nps_total ${clause} GROUP BY month HAVING p + pa + d > 0 ORDER BY month`,
      ...params,
    )
    .map((r) => ({
      month: String(r.month),
      promoters: num(r.p),
      passives: num(r.pa),
      detractors: num(r.d),
    }))
}

export function ratingsByMonth(
  sql: SqlPort,
  kind: 'csat' | 'ces',
  filter: DashboardFilter,
): RatingMonthSums[] {
  const { clause, params } = where(filter)
  return sql
    .all(
      `SELECT month, sum(satisfied) AS s, sum(neutral) AS n, sum(unsatisfied) AS u,
         sum(normalised_sum) AS ns
       FROM dash_${kind}_total ${clause} GROUP BY month HAVING s + n + u > 0 ORDER BY month`,
      ...params,
    )
    .map((r) => ({
      month: String(r.month),
      satisfied: num(r.s),
      neutral: num(r.n),
      unsatisfied: num(r.u),
      normalisedSum: num(r.ns),
    }))
}

export function frictionByMonth(sql: SqlPort, filter: DashboardFilter): FrictionMonthSums[] {
  const { clause, params } = where(filter)
  return sql
    .all(
      `SELECT month, kind, sum(points) AS pts, sum(open) AS o FROM dash_friction_total ${clause}
       GROUP BY month, kind HAVING pts > 0 ORDER BY month, kind`,
      ...params,
    )
    .map((r) => ({
      month: String(r.month),
      kind: String(r.kind),
      points: num(r.pts),
      open: num(r.o),
    }))
}

export interface WorklistEntry {
  customerId: string
  displayName: string
  risk: RiskLevel
  latestDetractorAt: string
  source: Source
  score: number
  openFriction: number
}

/**
 * Detractors with open friction: at-risk ones first, then newest detractor answer first. Filtered
 * by the latest answer's tool and month.
 */
export function worklist(
  sql: SqlPort,
  query: DashboardFilter & { limit: number; offset: number; risk?: RiskLevel },
): { total: number; customers: WorklistEntry[] } {
  const parts: string[] = []
  const params: (string | number)[] = []
  if (query.source) parts.push('source = ?') && params.push(query.source)
  if (query.risk) parts.push('risk = ?') && params.push(query.risk)
  // Months as instants: `from` starts the month, `to` ends before the next one ('~' sorts last).
  if (query.from) parts.push('latest_detractor_at >= ?') && params.push(query.from)
  if (query.to) parts.push('latest_detractor_at < ?') && params.push(`${query.to}~`)
  const clause = parts.length ? `WHERE ${parts.join(' AND ')}` : ''
  const [count] = sql.all(`SELECT count(*) AS n FROM dash_worklist ${clause}`, ...params)
  const rows = sql.all(
    `SELECT * FROM dash_worklist ${clause}
     ORDER BY risk = 'at_risk' DESC, latest_detractor_at DESC, customer_id LIMIT ? OFFSET ?`,
    ...params,
    query.limit,
    query.offset,
  )
  return {
    total: num(count?.n),
    customers: rows.map((r) => ({
      customerId: String(r.customer_id),
      displayName: String(r.display_name),
      risk: r.risk as RiskLevel,
      latestDetractorAt: String(r.latest_detractor_at),
      source: r.source as Source,
      score: num(r.score),
      openFriction: num(r.open_friction),
    })),
  }
}
