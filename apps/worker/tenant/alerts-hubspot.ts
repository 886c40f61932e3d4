import { createHubSpotTask, type HubSpotCredentials } from '../../../connectors/hubspot/index.ts'
import type { StoredAlert, TenantStore } from '../../../core/store/index.ts'
import { attemptAsConnection, type VendorAuthDeps } from './alerts-vendor-auth.ts'
import type { AttemptOutcome } from './alerts-webhook.ts'

/** A task is due this long after the alert: follow up today. */
const DUE_IN_MS = 4 * 60 * 60_000

/**
 * A task on the customer's HubSpot contact, as the connection (its OAuth session when an install
 * made it: `attemptAsConnection`). A customer with no HubSpot contact, or no connection of its
 * portal: refused for good (the log says which).
 */
export async function taskOnHubSpotContact(
  deps: VendorAuthDeps & { store: TenantStore },
  alert: StoredAlert,
  nowMs: number,
): Promise<AttemptOutcome> {
  const refuse = (error: string): AttemptOutcome => ({
    ok: false,
    status: null,
    error,
    permanent: true,
  })
  const contact = alert.customer.identities.find(
    (ref) => ref.source === 'hubspot' && ref.object === 'contact',
  )
  if (!contact) return refuse('no HubSpot contact')
  const connection = deps.store
    .listConnections()
    .find((c) => c.source === 'hubspot' && c.account === contact.account && c.credentials)
  if (!connection) return refuse(`no HubSpot connection for ${contact.account}`)
  return attemptAsConnection(deps, connection, 'HubSpot', (auth) =>
    createHubSpotTask({
      baseUrl: connection.baseUrl,
      auth: auth as HubSpotCredentials,
      contactId: contact.id,
      subject: `cxlens alert: ${alert.rule.replace('_', ' ')} — ${alert.customer.name}`,
      body: `${alert.text.replace(/^:[a-z_]+:\s*/, '')}\n\ncxlens alert ${alert.id}`,
      dueAt: new Date(nowMs + DUE_IN_MS),
    }),
  )
}
