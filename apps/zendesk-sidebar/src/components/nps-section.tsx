import type { DisplayNps } from '../../../../core/presentation/index.ts'
import { NpsChart } from './nps-chart.tsx'

export function NpsSection({ nps }: { nps: DisplayNps }) {
  return (
    <section class="cx-section" aria-labelledby="cx-nps-title">
      <h2 id="cx-nps-title">{nps.title}</h2>
      {nps.empty ? (
        <div class="cx-empty" data-empty="nps">
          <p class="cx-empty-title">{nps.empty.title}</p>
          <p class="cx-muted">{nps.empty.hint}</p>
        </div>
      ) : (
        <>
          {nps.now && (
            <p class="cx-nps-now" data-category={nps.now.category}>
              <span class={`cx-badge cx-${nps.now.category}`}>{nps.now.text}</span>{' '}
              <span class="cx-muted">{nps.now.answered}</span>
            </p>
          )}
          {nps.trend && (
            <p class="cx-muted" data-trend={nps.trend.direction}>
              {nps.trend.direction === 'up' ? '▲ ' : nps.trend.direction === 'down' ? '▼ ' : '■ '}
              {nps.trend.text}
            </p>
          )}
          <h3 class="cx-subtitle">{nps.historyTitle}</h3>
          <NpsChart chart={nps.chart} />
        </>
      )}
    </section>
  )
}
