import type { DisplayModel } from '../../../../core/presentation/index.ts'
import { CsatSection } from './csat-section.tsx'
import { FocusSection } from './focus-section.tsx'
import { FrictionList } from './friction-list.tsx'
import { CustomerHeader } from './customer-header.tsx'
import { NpsSection } from './nps-section.tsx'
import type { LinkActions } from './record-link.tsx'
import { FreshnessFooter, OpenTickets } from './tickets.tsx'
import { VerbatimsSection } from './verbatims-section.tsx'

export function CustomerPanel(props: {
  model: DisplayModel
  subdomain: string
  openTicket(id: string): void
}) {
  const { model } = props
  const actions: LinkActions = {
    subdomain: props.subdomain,
    openTicket: props.openTicket,
    newTab: model.strings.newTab,
  }
  return (
    <main class="cx-panel">
      <CustomerHeader header={model.header} title={model.strings.identities} actions={actions} />
      <NpsSection nps={model.nps} />
      <FocusSection focus={model.focus} strings={model.strings} actions={actions} />
      <VerbatimsSection verbatims={model.verbatims} actions={actions} />
      <CsatSection csat={model.csat} />
      <OpenTickets tickets={model.tickets} actions={actions} />
      <FrictionList
        friction={model.friction}
        evidenceTitle={model.strings.evidence}
        actions={actions}
      />
      <FreshnessFooter freshness={model.freshness} />
    </main>
  )
}
