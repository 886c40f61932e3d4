import type { DisplayVerbatims } from '../../../../core/presentation/index.ts'
import { RecordLink, type LinkActions } from './record-link.tsx'

/** Unhappy customers' latest comments, with their score and themes. */
export function VerbatimsSection(props: { verbatims: DisplayVerbatims; actions: LinkActions }) {
  const { verbatims, actions } = props
  if (verbatims.empty) return null
  return (
    <section class="cx-section" aria-labelledby="cx-verbatims-title">
      <h2 id="cx-verbatims-title">{verbatims.title}</h2>
      <ul class="cx-verbatims">
        {verbatims.items.map((v) => (
          <li key={v.id} class="cx-verbatim">
            <blockquote lang={v.language ?? undefined}>“{v.comment}”</blockquote>
            <p class="cx-muted">
              <span class="cx-verbatim-score">{v.scoreText}</span> · {v.category} · {v.date} ·{' '}
              <RecordLink link={v.link} actions={actions} />
            </p>
            {v.themes.length > 0 && (
              <ul class="cx-themes" aria-label={verbatims.themesLabel}>
                {v.themes.map((t) => (
                  <li key={t.theme} class="cx-theme" data-theme={t.theme}>
                    {t.label}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
      {verbatims.more && <p class="cx-muted">{verbatims.more}</p>}
    </section>
  )
}
