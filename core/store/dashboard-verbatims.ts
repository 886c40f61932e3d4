import type { VerbatimRow } from '../dashboards/verbatims.ts'
import type { Source, SurveyKind, VerbatimTheme } from '../model/index.ts'
import type { DashboardFilter } from './dashboards.ts'
import type { SqlPort, SqlValue } from './port.ts'

/** A customer's verbatims share: replaced and deleted with the other `dash_*` shares. */
export const VERBATIM_TABLES = ['dash_verbatim', 'dash_verbatim_theme'] as const

/** Writes a customer's verbatims (their old rows are already gone): two statements, JSON rows. */
export function insertVerbatims(sql: SqlPort, customerId: string, rows: readonly VerbatimRow[]) {
  if (!rows.length) return
  const list = JSON.stringify(rows)
  const j = (field: string) => `json_extract(value, '$.${field}')`
  sql.run(
    `INSERT INTO dash_verbatim SELECT ?, ${j('responseKey')}, ${j('customerName')}, ${j('source')},
       ${j('at')}, ${j('kind')}, ${j('score')}, ${j('scale.min')}, ${j('scale.max')},
       ${j('comment')}, ${j('language')}, json_extract(value, '$.themes') FROM json_each(?)`,
    customerId,
    list,
  )
  sql.run(
    `INSERT INTO dash_verbatim_theme SELECT ?, json_extract(v.value, '$.responseKey'), t.value,
       json_extract(v.value, '$.source'), json_extract(v.value, '$.at')
     FROM json_each(?) v, json_each(v.value, '$.themes') t`,
    customerId,
    list,
  )
}

export interface VerbatimsQuery extends DashboardFilter {
  /** Only comments tagged with this theme (the theme counts still cover every theme). */
  theme?: VerbatimTheme
  limit: number
  offset: number
}

/** A verbatims row as the board lists it: keyed by its customer instead of its answer. */
export type VerbatimEntry = Omit<VerbatimRow, 'responseKey'> & { customerId: string }

export interface VerbatimsBoard {
  /** Newest first, one page. */
  items: VerbatimEntry[]
  /** Comments per theme over the tool and period (not narrowed by `theme`), most first. */
  themes: { theme: VerbatimTheme; count: number }[]
  /** Comments matching the whole filter, `theme` included: what the pages add up to. */
  total: number
}

/** Filter parts on a table's columns: months on the totals, instants on the rows. */
function filterParts(filter: VerbatimsQuery, on: 'month' | 'at') {
  const parts: string[] = []
  const params: SqlValue[] = []
  if (filter.source) parts.push('source = ?') && params.push(filter.source)
  if (on === 'month') {
    if (filter.from) parts.push('month >= ?') && params.push(filter.from)
    if (filter.to) parts.push('month <= ?') && params.push(filter.to)
  } else {
    // Months as instants: `from` starts the month, `to` ends before the next one ('~' sorts last).
    if (filter.from) parts.push('at >= ?') && params.push(filter.from)
    if (filter.to) parts.push('at < ?') && params.push(`${filter.to}~`)
  }
  return { parts, params }
}

const whereOf = (parts: string[]) => (parts.length ? `WHERE ${parts.join(' AND ')}` : '')

/**
 * Detractors' and unsatisfied raters' comments: a page newest first through the `*_newest`
 * indexes, the total and the theme counts from the running totals (no scan of the rows).
 */
export function verbatimsBoard(sql: SqlPort, query: VerbatimsQuery): VerbatimsBoard {
  const months = filterParts(query, 'month')
  const themes = sql
    .all(
      `SELECT theme, sum(verbatims) AS n FROM dash_verbatim_theme_total ${whereOf(months.parts)}
       GROUP BY theme HAVING n > 0 ORDER BY n DESC, theme`,
      ...months.params,
    )
    .map((r) => ({ theme: r.theme as VerbatimTheme, count: Number(r.n) }))

  const at = filterParts(query, 'at')
  let total: number
  let page: { sql: string; params: SqlValue[] }
  if (query.theme) {
    total = themes.find((t) => t.theme === query.theme)?.count ?? 0
    page = {
      sql: `SELECT customer_id, response_key, at FROM dash_verbatim_theme
        ${whereOf(['theme = ?', ...at.parts])}`,
      params: [query.theme, ...at.params],
    }
  } else {
    const [sum] = sql.all(
      `SELECT sum(verbatims) AS n FROM dash_verbatim_total ${whereOf(months.parts)}`,
      ...months.params,
    )
    total = Number(sum?.n ?? 0)
    page = {
      sql: `SELECT customer_id, response_key, at FROM dash_verbatim ${whereOf(at.parts)}`,
      params: at.params,
    }
  }
  // The page's keys come from an index alone (rows skipped by `offset` cost no row read); then
  // only the page's rows are read.
  const rows = sql.all(
    `SELECT v.* FROM (${page.sql} ORDER BY at DESC, customer_id, response_key LIMIT ? OFFSET ?) p
     JOIN dash_verbatim v ON v.customer_id = p.customer_id AND v.response_key = p.response_key
     ORDER BY p.at DESC, p.customer_id, p.response_key`,
    ...page.params,
    query.limit,
    query.offset,
  )
  return { items: rows.map(toEntry), themes, total }
}

function toEntry(r: Record<string, unknown>): VerbatimEntry {
  return {
    customerId: String(r.customer_id),
    customerName: String(r.customer_name),
    source: r.source as Source,
    at: String(r.at),
    kind: r.kind as SurveyKind,
    score: Number(r.score),
    scale: { min: Number(r.scale_min), max: Number(r.scale_max) },
    comment: String(r.comment),
    language: (r.language ?? null) as VerbatimEntry['language'],
    themes: JSON.parse(String(r.themes)) as VerbatimTheme[],
  }
}
