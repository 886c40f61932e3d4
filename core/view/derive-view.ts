import { customerTimeline, frictionPointsOf, type CustomerRecords } from '../friction/index.ts'
import type { CustomerView } from '../model/index.ts'
import { cesSection, csatSection, npsSection, ticketsSection } from './sections.ts'

export interface ViewInput extends CustomerRecords {
  freshness: CustomerView['freshness']
}

/**
 * The unified view of one customer, as materialised for the sidebars. Pure: the same records, settings
 * and `now` give the same view. Records not belonging to the customer's people are ignored (see
 * `customerTimeline`); deleted tickets and answers never show.
 */
export function deriveView(input: ViewInput): CustomerView {
  const timeline = customerTimeline(input)
  const settings = input.settings.friction
  return {
    customer: input.customer,
    nps: npsSection(timeline),
    csat: csatSection(timeline, settings, input.now),
    ces: cesSection(timeline),
    tickets: ticketsSection(timeline, settings, input.now),
    friction: frictionPointsOf(timeline, input),
    freshness: input.freshness,
    generatedAt: new Date(input.now).toISOString(),
  }
}
