import type { ComponentChildren } from 'preact'
import type { DisplayLink } from '../../../../core/presentation/index.ts'

export interface LinkActions {
  /** The Zendesk account the app runs in: its tickets open in the agent's workspace. */
  subdomain: string
  openTicket(id: string): void
  newTab: string
}

/** A Zendesk ticket of this account opens in Zendesk itself; any other record in a new tab. */
export function RecordLink(props: {
  link: DisplayLink
  actions: LinkActions
  children?: ComponentChildren
}) {
  const { link, actions } = props
  const label = props.children ?? link.label
  const { ref } = link
  if (ref.source === 'zendesk' && ref.object === 'ticket' && ref.account === actions.subdomain) {
    return (
      <button type="button" class="cx-link" onClick={() => actions.openTicket(ref.id)}>
        {label}
      </button>
    )
  }
  if (!link.url) return <span>{label}</span>
  return (
    <a class="cx-link" href={link.url} target="_blank" rel="noopener noreferrer">
      {label}
      <span class="cx-sr"> ({actions.newTab})</span>
    </a>
  )
}
