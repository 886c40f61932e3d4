import type { CustomerView, FrictionGroup, FrictionPoint } from '../model/index.ts'

/**
 * How much of each list a stored view keeps. A customer with thousands of tickets and answers would
 * otherwise grow one view row past SQLite's 2 MB row limit and slow every lookup of them; the lists
 * keep the most recent entries with their totals, and `GET /v1/customers/:id/history` pages the rest.
 */
export const VIEW_CAPS = {
  /** Per survey kind (NPS, CSAT, CES): the most recent answers. */
  responses: 30,
  /** Open tickets, most recently updated first. */
  openTickets: 30,
  /** Friction points, open ones first (the focus groups rank and count all open ones). */
  friction: 50,
  /** Evidence refs per friction point and per focus group, and point ids per group. */
  evidence: 20,
} as const

/**
 * The view with each list cut to `VIEW_CAPS` and the totals set. Scores, trends and percentages are
 * computed over every record before the cut, so capping changes no figure, only what is listed.
 */
export function capView(view: CustomerView): CustomerView {
  const recent = <T>(list: readonly T[], max: number) => list.slice(Math.max(0, list.length - max))
  return {
    ...view,
    nps: {
      ...view.nps,
      responses: recent(view.nps.responses, VIEW_CAPS.responses),
      total: view.nps.responses.length,
    },
    csat: {
      ...view.csat,
      responses: recent(view.csat.responses, VIEW_CAPS.responses),
      total: view.csat.responses.length,
    },
    ces: {
      ...view.ces,
      responses: recent(view.ces.responses, VIEW_CAPS.responses),
      total: view.ces.responses.length,
    },
    tickets: {
      ...view.tickets,
      open: view.tickets.open.slice(0, VIEW_CAPS.openTickets),
      openTotal: view.tickets.open.length,
    },
    friction: view.friction.slice(0, VIEW_CAPS.friction).map(capEvidence),
    frictionTotal: view.friction.length,
    ...(view.focus ? { focus: { ...view.focus, groups: view.focus.groups.map(capGroup) } } : {}),
  }
}

/** A repeated topic over years collects thousands of tickets as evidence: keep the first ones. */
function capEvidence<T extends { evidence: FrictionPoint['evidence'] }>(item: T): T {
  if (item.evidence.length <= VIEW_CAPS.evidence) return item
  return {
    ...item,
    evidence: item.evidence.slice(0, VIEW_CAPS.evidence),
    evidenceTotal: item.evidence.length,
  }
}

function capGroup(group: FrictionGroup): FrictionGroup {
  const capped = capEvidence(group)
  if (group.points.length <= VIEW_CAPS.evidence) return capped
  return {
    ...capped,
    points: group.points.slice(0, VIEW_CAPS.evidence),
    pointsTotal: group.points.length,
  }
}
