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

/** Any board may carry `verbatims` (optional: deployments before it lack the field). */
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
 * Every board over the filter, in parallel. Verbatims come in whichever board carries them (or
 * their own `verbatims` board); with a theme, that board is asked again with `?theme=`.
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
  const [nps, csat, ces, friction, worklist] = await Promise.all([
    get<NpsBoard>('nps'),
    get<RatingBoard>('csat'),
    get<RatingBoard>('ces'),
    get<FrictionBoard>('friction'),
    get<WorklistBoard>('worklist', { limit: String(WORKLIST_LIMIT) }),
  ])
  const boards = { nps, csat, ces, friction, worklist }
  let carrier: BoardName | undefined = BOARDS.find((b) => isVerbatims(boards[b].verbatims))
  let verbatims = carrier ? boards[carrier].verbatims! : null
  if (!carrier) {
    const own = await get<WithVerbatims>('verbatims').catch(() => null)
    if (own && isVerbatims(own.verbatims)) {
      carrier = 'verbatims'
      verbatims = own.verbatims
    }
  }
  if (carrier && filter.theme) {
    const extra: Record<string, string> = { theme: filter.theme }
    if (carrier === 'worklist') extra.limit = String(WORKLIST_LIMIT)
    const themed = await get<WithVerbatims>(carrier, extra)
    verbatims = isVerbatims(themed.verbatims) ? themed.verbatims : verbatims
  }
  return { ...boards, verbatims }
}
