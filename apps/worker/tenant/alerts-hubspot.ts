import { createHubSpotTask, type HubSpotCredentials } from '../../../connectors/hubspot/index.ts'
import type { Connection, StoredAlert, TenantStore } from '../../../core/store/index.ts'
import type { AttemptOutcome } from './alerts-webhook.ts'

/** A task is due this long after the alert: follow up today. */
const DUE_IN_MS = 4 * 60 * 60_000

/**
 * A task on the customer's HubSpot contact, through the connection's own credentials. A customer
 * with no HubSpot contact, or no connection of its portal: refused for good (the log says which).
 */
export async function taskOnHubSpotContact(
  deps: { store: TenantStore; openAuth: (connection: Connection) => Promise<unknown> },
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
  let result
  try {
    result = await createHubSpotTask({
      baseUrl: connection.baseUrl,
      auth: (await deps.openAuth(connection)) as HubSpotCredentials,
      contactId: contact.id,
      subject: `cxlens alert: ${alert.rule.replace('_', ' ')} — ${alert.customer.name}`,
      body: `${alert.text.replace(/^:[a-z_]+:\s*/, '')}\n\ncxlens alert ${alert.id}`,
      dueAt: new Date(nowMs + DUE_IN_MS),
    })
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error'
    return { ok: false, status: null, error: `network: ${name}`, permanent: false }
  }
  if (result.ok) return { ok: true, status: result.status }
  const permanent =
    result.status >= 400 && result.status < 500 && result.status !== 408 && result.status !== 429
  return { ok: false, status: result.status, error: `HubSpot HTTP ${result.status}`, permanent }
}
