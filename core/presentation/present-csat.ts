import type { CustomerView, ViewResponse } from '../model/index.ts'
import type { CsatPoint, DisplayCsat } from './display-model.ts'
import { categoryLabel } from './labels.ts'
import type { PresentContext } from './present-nps.ts'
import { formatDate } from './relative-time.ts'

function toPoint(ctx: PresentContext, r: ViewResponse): CsatPoint {
  const date = formatDate(r.at, ctx.tr.locale, ctx.timeZone)
  const label = ctx.tr.t('csat.point', {
    date,
    score: r.score,
    max: r.scale.max,
    category: categoryLabel(ctx.tr, r.category),
  })
  return {
    at: r.at,
    x: Date.parse(r.at),
    y: Math.round(r.normalised * 100),
    score: r.score,
    max: r.scale.max,
    category: r.category,
    categoryLabel: categoryLabel(ctx.tr, r.category),
    date,
    comment: r.comment,
    label: r.comment ? `${label} — “${r.comment}”` : label,
  }
}

export function presentCsat(ctx: PresentContext, csat: CustomerView['csat']): DisplayCsat {
  const { tr } = ctx
  const points = csat.responses.map((r) => toPoint(ctx, r)).sort((a, b) => a.x - b.x)
  const percent = csat.satisfiedPercent === null ? null : Math.round(csat.satisfiedPercent)
  const recent =
    csat.recentSatisfiedPercent === null ? null : Math.round(csat.recentSatisfiedPercent)
  return {
    title: tr.t('section.csat'),
    summary:
      percent === null
        ? null
        : recent === null || recent === percent
          ? tr.t('csat.summary', { percent })
          : tr.t('csat.summaryRecent', { percent, recent }),
    count: tr.t('csat.count', { count: csat.total ?? points.length }),
    points,
    empty: points.length === 0 ? tr.t('csat.empty') : null,
  }
}
