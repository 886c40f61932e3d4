import { useState } from 'preact/hooks'
import type { DisplayFocus, FocusItem } from '../../../../core/presentation/index.ts'
import { RecordLink, type LinkActions } from './record-link.tsx'

/** What to act on first: the customer's risk, the top 3 groups, the rest behind "N more". */
export function FocusSection(props: {
  focus: DisplayFocus
  strings: { evidence: string; nextStep: string; less: string }
  actions: LinkActions
}) {
  const { focus, strings, actions } = props
  const [expanded, setExpanded] = useState(false)
  return (
    <section class="cx-section" aria-labelledby="cx-focus-title">
      <h2 id="cx-focus-title">{focus.title}</h2>
      {focus.risk && (
        <div class="cx-risk" data-risk={focus.risk.level}>
          <span class={`cx-badge cx-risk-${focus.risk.level}`} title={focus.risk.title}>
            <span class="cx-sr">{focus.risk.title}</span>
            <span aria-hidden="true">{focus.risk.label}</span>
          </span>
          {focus.risk.reasons.length > 0 && (
            <ul class="cx-risk-reasons">
              {focus.risk.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {focus.empty ? (
        <p class="cx-empty" data-empty="focus">
          {focus.empty}
        </p>
      ) : (
        <ol class="cx-focus" id="cx-focus-list">
          {[...focus.top, ...(expanded ? focus.more : [])].map((item) => (
            <FocusGroup key={item.id} item={item} strings={strings} actions={actions} />
          ))}
        </ol>
      )}
      {focus.moreText && (
        <button
          type="button"
          class="cx-button cx-more"
          aria-expanded={expanded}
          aria-controls="cx-focus-list"
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? strings.less : focus.moreText}
        </button>
      )}
      {expanded && focus.beyondText && <p class="cx-muted">{focus.beyondText}</p>}
      {focus.agedOutText && <p class="cx-muted cx-aged-out">{focus.agedOutText}</p>}
    </section>
  )
}

function FocusGroup(props: {
  item: FocusItem
  strings: { evidence: string; nextStep: string }
  actions: LinkActions
}) {
  const { item, strings, actions } = props
  return (
    <li class="cx-focus-item" data-severity={item.severity} data-group={item.id}>
      <p class="cx-friction-head">
        <span class={`cx-sev cx-sev-${item.severity}`}>{item.severityLabel}</span>
        <strong>{item.title}</strong>
      </p>
      <p class="cx-reason cx-why">{item.why}</p>
      {item.also && <p class="cx-muted">{item.also}</p>}
      <p class="cx-next" data-action={item.nextStep.action}>
        <span class="cx-sr">{strings.nextStep}: </span>
        <span aria-hidden="true">→ </span>
        {item.nextStep.before}
        {item.nextStep.ticket && <RecordLink link={item.nextStep.ticket} actions={actions} />}
        {item.nextStep.after}
      </p>
      <p class="cx-muted">
        <time dateTime={item.lastActivityAt}>{item.meta}</time>
      </p>
      <ul class="cx-evidence" aria-label={strings.evidence}>
        {item.evidence.map((link) => (
          <li key={link.label}>
            <RecordLink link={link} actions={actions} />
          </li>
        ))}
      </ul>
    </li>
  )
}
