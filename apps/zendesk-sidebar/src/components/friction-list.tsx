import type { DisplayFriction } from '../../../../core/presentation/index.ts'
import { RecordLink, type LinkActions } from './record-link.tsx'

/** Every friction point of the view, open and recently resolved, folded under the ranked focus. */
export function FrictionList(props: {
  friction: DisplayFriction
  evidenceTitle: string
  actions: LinkActions
}) {
  const { friction } = props
  return (
    <details class="cx-section cx-all-friction">
      <summary>
        <h2 id="cx-friction-title">
          {friction.title}
          {friction.openCount > 0 && <span class="cx-count"> · {friction.openCountText}</span>}
        </h2>
      </summary>
      {friction.empty ? (
        <p class="cx-empty" data-empty="friction">
          {friction.empty}
        </p>
      ) : (
        <ol class="cx-friction">
          {friction.items.map((item) => (
            <li
              key={item.id}
              class={`cx-friction-item ${item.open ? 'is-open' : 'is-resolved'}`}
              data-kind={item.kind}
              data-severity={item.severity}
              data-open={String(item.open)}
            >
              <p class="cx-friction-head">
                <span class={`cx-sev cx-sev-${item.severity}`}>{item.severityLabel}</span>
                <strong>{item.kindLabel}</strong>
                <span class="cx-muted">· {item.statusLabel}</span>
              </p>
              <p class="cx-reason">{item.reason}</p>
              <p class="cx-muted">
                <time dateTime={item.since}>{item.sinceText}</time>
              </p>
              {item.evidence.length > 0 && (
                <ul class="cx-evidence" aria-label={props.evidenceTitle}>
                  {item.evidence.map((link) => (
                    <li key={link.label}>
                      <RecordLink link={link} actions={props.actions} />
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  )
}
