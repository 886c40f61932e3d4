import type { DisplayFreshness, DisplayTickets } from '../../../../core/presentation/index.ts'
import { RecordLink, type LinkActions } from './record-link.tsx'

export function OpenTickets(props: { tickets: DisplayTickets; actions: LinkActions }) {
  const { tickets } = props
  return (
    <section class="cx-section" aria-labelledby="cx-tickets-title">
      <h2 id="cx-tickets-title">{tickets.title}</h2>
      {tickets.empty ? (
        <p class="cx-empty" data-empty="tickets">
          {tickets.empty}
        </p>
      ) : (
        <ul class="cx-tickets">
          {tickets.open.map((t) => (
            <li key={t.link.label} data-source={t.link.ref.source}>
              <RecordLink link={t.link} actions={props.actions}>
                {t.subject}
              </RecordLink>
              <p class="cx-muted">
                {[t.sourceLabel, t.statusLabel, t.priorityLabel, t.channelLabel, t.opened].join(
                  ' · ',
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      {tickets.more && <p class="cx-muted">{tickets.more}</p>}
    </section>
  )
}

export function FreshnessFooter({ freshness }: { freshness: DisplayFreshness }) {
  return (
    <footer class="cx-freshness" aria-label={freshness.title}>
      {freshness.empty && <p>{freshness.empty}</p>}
      {freshness.items.map((f) => (
        <p key={f.source + f.account} data-stale={String(f.stale)}>
          {f.text}
        </p>
      ))}
      {freshness.staleWarning && <p class="cx-warning">{freshness.staleWarning}</p>}
    </footer>
  )
}
