import { Divider, Flex, hubspot } from '@hubspot/ui-extensions'
import {
  createTranslator,
  presentView,
  resolveLocale,
  type DisplayModel,
} from '../staged/presentation/index.ts'
import type { CardRecord } from './api.ts'
import { cardMessage } from './card-messages.ts'
import { LookupFailed, Loading, UnknownCustomer } from './sections/CardStates.tsx'
import { CsatSection } from './sections/CsatSection.tsx'
import { FocusSection } from './sections/FocusSection.tsx'
import { FreshnessSection } from './sections/FreshnessSection.tsx'
import { FrictionSection } from './sections/FrictionSection.tsx'
import { HeaderSection } from './sections/HeaderSection.tsx'
import { NpsSection } from './sections/NpsSection.tsx'
import { TicketsSection } from './sections/TicketsSection.tsx'
import { VerbatimsSection } from './sections/VerbatimsSection.tsx'
import { useCustomerView } from './useCustomerView.ts'

hubspot.extend<'crm.record.sidebar'>(({ context }) => <CustomerCard context={context} />)

/** The part of HubSpot's CRM extension context the card reads. */
export interface CardContext {
  crm: CardRecord
  user: { locale?: string }
  portal: { timezone?: string }
}

export interface CustomerCardProps {
  context: CardContext
  /** The clock of relative times ("3 days ago"); injectable for tests. */
  now?: () => number
}

/** The cxlens customer view on a HubSpot contact or ticket, from the shared presentation module. */
export function CustomerCard({ context, now = Date.now }: CustomerCardProps) {
  const tr = createTranslator(resolveLocale(context.user.locale))
  const { state, retry } = useCustomerView(context.crm)
  if (state.kind === 'loading') return <Loading tr={tr} />
  if (state.kind === 'unknown') return <UnknownCustomer tr={tr} />
  if (state.kind === 'error') return <LookupFailed tr={tr} error={state} onRetry={retry} />
  const model = presentView(state.view, {
    locale: tr.locale,
    now: now(),
    timeZone: knownTimeZone(context.portal.timezone),
  })
  return <CustomerSummary model={model} />
}

export function CustomerSummary({ model }: { model: DisplayModel }) {
  const columns = {
    ticket: cardMessage(model.locale, 'column.ticket'),
    status: cardMessage(model.locale, 'column.status'),
    tool: cardMessage(model.locale, 'column.tool'),
  }
  return (
    <Flex direction="column" gap="md">
      <HeaderSection model={model} />
      <Divider />
      <NpsSection nps={model.nps} />
      <Divider />
      <FocusSection model={model} />
      <VerbatimsSection verbatims={model.verbatims} />
      <Divider />
      <CsatSection csat={model.csat} />
      <Divider />
      <FrictionSection model={model} />
      <Divider />
      <TicketsSection tickets={model.tickets} columns={columns} />
      <Divider />
      <FreshnessSection freshness={model.freshness} />
    </Flex>
  )
}

/** The portal's time zone when the runtime knows it; otherwise dates use the runtime's own. */
function knownTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return zone
  } catch {
    return undefined
  }
}
