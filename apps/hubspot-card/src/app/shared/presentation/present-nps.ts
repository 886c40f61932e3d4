import type { CustomerView, NpsCategory, ViewResponse } from '../model/index.ts'
import type { DisplayNps, NpsBand, NpsPoint } from './display-model.ts'
import { categoryLabel } from './labels.ts'
import { formatDate, relativeTime } from './relative-time.ts'
import type { Translator } from './translator.ts'

export interface PresentContext {
  tr: Translator
  now: number
  timeZone?: string
}

/** NPS convention: 9–10 promoters, 7–8 passives, 0–6 detractors. */
export function npsCategoryOf(score: number): NpsCategory {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
}

const BANDS: Array<Omit<NpsBand, 'label'>> = [
  { category: 'promoter', from: 9, to: 10 },
  { category: 'passive', from: 7, to: 8 },
  { category: 'detractor', from: 0, to: 6 },
]

function toPoint(ctx: PresentContext, r: ViewResponse): NpsPoint {
  const category = npsCategoryOf(r.score)
  const date = formatDate(r.at, ctx.tr.locale, ctx.timeZone)
  const label = ctx.tr.t('nps.point', {
    date,
    score: r.score,
    category: categoryLabel(ctx.tr, category),
  })
  return {
    at: r.at,
    x: Date.parse(r.at),
    y: r.score,
    category,
    categoryLabel: categoryLabel(ctx.tr, category),
    date,
    comment: r.comment,
    label: r.comment ? `${label} — “${r.comment}”` : label,
  }
}

export function presentNps(ctx: PresentContext, nps: CustomerView['nps']): DisplayNps {
  const { tr } = ctx
  const points = nps.responses
    .filter((r) => r.kind === 'nps')
    .map((r) => toPoint(ctx, r))
    .sort((a, b) => a.x - b.x)
  const latest = nps.latest
  const xs = points.map((p) => p.x)
  return {
    title: tr.t('section.nps'),
    historyTitle: tr.t('section.npsHistory'),
    now: latest && {
      score: latest.score,
      category: latest.category,
      categoryLabel: categoryLabel(tr, latest.category),
      text: tr.t('nps.now', { category: categoryLabel(tr, latest.category), score: latest.score }),
      answered: tr.t('nps.answeredSince', { since: relativeTime(latest.at, ctx.now, tr.locale) }),
    },
    trend:
      nps.trend === null
        ? null
        : {
            delta: nps.trend,
            direction: nps.trend > 0 ? 'up' : nps.trend < 0 ? 'down' : 'flat',
            text:
              nps.trend > 0
                ? tr.t('nps.trendUp', { delta: nps.trend })
                : nps.trend < 0
                  ? tr.t('nps.trendDown', { delta: -nps.trend })
                  : tr.t('nps.trendFlat'),
          },
    chart: {
      label: tr.t('nps.chartLabel', { count: points.length }),
      yMin: 0,
      yMax: 10,
      xMin: xs.length ? Math.min(...xs) : ctx.now,
      xMax: xs.length ? Math.max(...xs) : ctx.now,
      bands: BANDS.map((b) => ({ ...b, label: categoryLabel(tr, b.category) })),
      points,
    },
    empty:
      points.length === 0 && latest === null
        ? { title: tr.t('nps.empty'), hint: tr.t('nps.emptyHint') }
        : null,
  }
}
