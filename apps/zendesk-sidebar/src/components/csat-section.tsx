import type { DisplayCsat } from '../../../../core/presentation/index.ts'

/** Each rating as a bar (0 worst, 100 best), its score and category in words on hover and focus. */
export function CsatSection({ csat }: { csat: DisplayCsat }) {
  return (
    <section class="cx-section" aria-labelledby="cx-csat-title">
      <h2 id="cx-csat-title">{csat.title}</h2>
      {csat.empty ? (
        <p class="cx-empty" data-empty="csat">
          {csat.empty}
        </p>
      ) : (
        <>
          <p>
            {csat.summary} <span class="cx-muted">· {csat.count}</span>
          </p>
          <ol class="cx-bars" aria-label={csat.count}>
            {csat.points.slice(-12).map((p, i) => (
              <li
                key={p.at + i}
                class={`cx-bar cx-${p.category}`}
                tabIndex={0}
                title={p.label}
                aria-label={p.label}
              >
                <span style={{ height: `${Math.max(8, p.y)}%` }} />
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
