import type { frictionReport, npsReport, ratingReport } from '../../../../core/dashboards/report.ts'
import type { WorklistEntry } from '../../../../core/store/dashboards.ts'
import { api, tenantPath } from './api.ts'
import { boardQuery, type DashboardFilter } from './dashboard-filter.ts'

/** A detractor's or unsatisfied rater's comment, as the dashboards API lists it. */
export interface VerbatimEntry {
  customerId: string
  customerName: string
  source: string
  at: string
  kind: string
  score: number
  scale: { min: number; max: number }
  comment: string
  language: 'en' | 'fr' | null
  themes: string[]
}

export interface Verbatims {
  items: VerbatimEntry[]
  themes: Array<{ theme: string; count: number }>
  total: number
}

/** `verbatims`: the verbatims board's, or another board's (optional: older deployments lack it). */
interface WithVerbatims {
  verbatims?: Verbatims
}

export type NpsBoard = ReturnType<typeof npsReport> & WithVerbatims
export type RatingBoard = ReturnType<typeof ratingReport> & WithVerbatims
export type FrictionBoard = ReturnType<typeof frictionReport> & WithVerbatims
export type WorklistBoard = {
  total: number
  customers: Array<WorklistEntry & { view: string }>
} & WithVerbatims

export interface Dashboard {
  nps: NpsBoard
  csat: RatingBoard
  ces: RatingBoard
  friction: FrictionBoard
  worklist: WorklistBoard
  /** Null when the API gives no verbatims (yet). */
  verbatims: Verbatims | null
  /** The verbatims board pages (`limit`, `offset`); verbatims in another board's field do not. */
  verbatimsPaged: boolean
}

export const WORKLIST_LIMIT = 50
const BOARDS = ['nps', 'csat', 'ces', 'friction', 'worklist'] as const
type BoardName = (typeof BOARDS)[number] | 'verbatims'

const isVerbatims = (value: unknown): value is Verbatims =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as Verbatims).items) &&
  Array.isArray((value as Verbatims).themes)

/**
 * Every board over the filter, in parallel, with the `verbatims` board (`?theme=` when one is
 * chosen). A deployment without that board (`400`) may carry verbatims in another board: then
 * that board is asked again for the theme. None at all: `verbatims` is null.
 */
export async function loadDashboard(
  tenantId: string,
  filter: DashboardFilter,
  now: Date,
): Promise<Dashboard> {
  const query = boardQuery(filter, now)
  const get = <T>(board: BoardName, extra: Record<string, string> = {}) => {
    const params = new URLSearchParams(query)
    for (const [k, v] of Object.entries(extra)) params.set(k, v)
    const qs = params.toString()
    return api<T>('GET', `${tenantPath(tenantId)}/dashboards/${board}${qs ? `?${qs}` : ''}`)
  }
  const themed: Record<string, string> = filter.theme ? { theme: filter.theme } : {}
  const [nps, csat, ces, friction, worklist, own] = await Promise.all([
    get<NpsBoard>('nps'),
    get<RatingBoard>('csat'),
    get<RatingBoard>('ces'),
    get<FrictionBoard>('friction'),
    get<WorklistBoard>('worklist', { limit: String(WORKLIST_LIMIT) }),
    get<WithVerbatims>('verbatims', themed).catch(() => null),
  ])
  const boards = { nps, csat, ces, friction, worklist }
  if (own && isVerbatims(own.verbatims)) {
    return { ...boards, verbatims: own.verbatims, verbatimsPaged: true }
  }
  const carrier = BOARDS.find((b) => isVerbatims(boards[b].verbatims))
  if (!carrier) return { ...boards, verbatims: null, verbatimsPaged: false }
  let verbatims = boards[carrier].verbatims!
  if (filter.theme) {
    const extra = carrier === 'worklist' ? { ...themed, limit: String(WORKLIST_LIMIT) } : themed
    const again = await get<WithVerbatims>(carrier, extra)
    if (isVerbatims(again.verbatims)) verbatims = again.verbatims
  }
  return { ...boards, verbatims, verbatimsPaged: false }
}

/** The next page of the worklist over the filter, from `offset` on. */
export function loadWorklistPage(
  tenantId: string,
  filter: DashboardFilter,
  now: Date,
  offset: number,
): Promise<WorklistBoard> {
  const params = boardQuery(filter, now)
  params.set('limit', String(WORKLIST_LIMIT))
  params.set('offset', String(offset))
  return api<WorklistBoard>('GET', `${tenantPath(tenantId)}/dashboards/worklist?${params}`)
}

export const VERBATIMS_PAGE = 20

/** The next page of the verbatims board over the filter and theme, from `offset` on. */
export function loadVerbatimsPage(
  tenantId: string,
  filter: DashboardFilter,
  now: Date,
  offset: number,
): Promise<Verbatims> {
  const params = boardQuery(filter, now)
  if (filter.theme) params.set('theme', filter.theme)
  params.set('limit', String(VERBATIMS_PAGE))
  params.set('offset', String(offset))
  return api<WithVerbatims>('GET', `${tenantPath(tenantId)}/dashboards/verbatims?${params}`).then(
    (r) => (isVerbatims(r.verbatims) ? r.verbatims : { items: [], themes: [], total: 0 }),
  )
}
