import {
  addZendeskInternalNote,
  type ZendeskCredentials,
} from '../../../connectors/zendesk/index.ts'
import type { StoredAlert, TenantStore } from '../../../core/store/index.ts'
import { attemptAsConnection, type VendorAuthDeps } from './alerts-vendor-auth.ts'
import type { AttemptOutcome } from './alerts-webhook.ts'

/** Tags put on the ticket with every alert's note (Zendesk tags: lower case, no spaces). */
export const ALERT_TAGS = ['cxlens_alert']

/** The note an agent reads: the alert's line without Slack's emoji codes. */
function noteBody(alert: StoredAlert): string {
  const line = alert.text.replace(/^:[a-z_]+:\s*/, '')
  return `${line}\n\ncxlens alert ${alert.id} (${alert.rule})`
}

/**
 * An internal note and a tag on the customer's most recently updated open Zendesk ticket, as the
 * connection (its OAuth session when an install made it: `attemptAsConnection`). No open ticket,
 * or no connection of its account: refused for good (the log says which).
 */
export async function noteOnOpenZendeskTicket(
  deps: VendorAuthDeps & { store: TenantStore },
  alert: StoredAlert,
): Promise<AttemptOutcome> {
  const refuse = (error: string): AttemptOutcome => ({
    ok: false,
    status: null,
    error,
    permanent: true,
  })
  const view = deps.store.getView(alert.customer.id)
  // The view lists open tickets most recently updated first.
  const ticket = view?.tickets.open.find((t) => t.ref.source === 'zendesk')
  if (!ticket) return refuse('no open Zendesk ticket')
  const connection = deps.store
    .listConnections()
    .find((c) => c.source === 'zendesk' && c.account === ticket.ref.account && c.credentials)
  if (!connection) return refuse(`no Zendesk connection for ${ticket.ref.account}`)
  return attemptAsConnection(deps, connection, 'Zendesk', (auth) =>
    addZendeskInternalNote({
      baseUrl: connection.baseUrl,
      auth: auth as ZendeskCredentials,
      ticketId: ticket.ref.id,
      body: noteBody(alert),
      tags: ALERT_TAGS,
    }),
  )
}
