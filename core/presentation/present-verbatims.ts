import type { CustomerView } from '../model/index.ts'
import type { DisplayVerbatims } from './display-model.ts'
import { categoryLabel } from './labels.ts'
import { npsCategoryOf, type PresentContext } from './present-nps.ts'
import { toLink } from './present-friction.ts'
import { formatDate } from './relative-time.ts'

/** Unhappy customers' own words, newest first, with their score and themes. */
export function presentVerbatims(ctx: PresentContext, view: CustomerView): DisplayVerbatims {
  const { tr } = ctx
  const verbatims = view.verbatims ?? { items: [], total: 0 }
  const rest = verbatims.total - verbatims.items.length
  return {
    title: tr.t('section.verbatims'),
    items: verbatims.items.map((v) => ({
      id: `${v.ref.source}:${v.ref.account}:${v.ref.object}:${v.ref.id}`,
      link: toLink(tr, v.ticket ?? v.ref),
      scoreText: tr.t('verbatim.score', {
        survey: tr.t(`survey.${v.kind}`),
        score: v.score,
        max: v.scale.max,
      }),
      category: categoryLabel(tr, v.kind === 'nps' ? npsCategoryOf(v.score) : 'unsatisfied'),
      date: formatDate(v.at, tr.locale, ctx.timeZone),
      comment: v.comment,
      language: v.language,
      themes: v.themes.map((theme) => ({ theme, label: tr.t(`theme.${theme}`) })),
    })),
    more: rest > 0 ? tr.t('verbatim.more', { count: rest }) : null,
    themesLabel: tr.t('verbatim.themes'),
    empty: verbatims.items.length === 0 ? tr.t('verbatim.empty') : null,
  }
}
