import { hubspot } from '@hubspot/ui-extensions'
import type { CustomerView } from '../staged/model/index.ts'
import { API_URL, FETCH_TIMEOUT_MS } from './config.ts'

/** The CRM record the card sits on, as HubSpot's extension context names it. */
export interface CardRecord {
  objectId: number | string
  objectTypeId: string
}

export type LookupResult =
  | { kind: 'found'; view: CustomerView }
  | { kind: 'unknown' }
  | { kind: 'error'; reason: 'unsupported' | 'auth' | 'network' | 'server'; status?: number }

// HubSpot's fixed object type ids. [ref: HubSpot "Understanding the CRM", object type ids]
const LOOKUP_PARAM: Record<string, string> = {
  '0-1': 'hubspot_contact_id',
  '0-5': 'hubspot_ticket_id',
}

/** `/v1/customers/lookup?hubspot_contact_id=…`; HubSpot appends and signs `portalId`, `userId`… */
export function lookupUrl(record: CardRecord): string | null {
  const param = LOOKUP_PARAM[record.objectTypeId]
  if (!param) return null
  return `${API_URL}/v1/customers/lookup?${param}=${encodeURIComponent(String(record.objectId))}`
}

/**
 * The one place the card talks to cxlens. `hubspot.fetch` signs the request (v3) so the worker
 * knows the portal; it sends no custom headers. [ref: HubSpot "Fetching data", hubspot.fetch]
 */
export async function lookupCustomer(record: CardRecord): Promise<LookupResult> {
  const url = lookupUrl(record)
  if (!url) return { kind: 'error', reason: 'unsupported' }
  let response: Response
  try {
    response = await hubspot.fetch(url, { method: 'GET', timeout: FETCH_TIMEOUT_MS })
  } catch {
    return { kind: 'error', reason: 'network' }
  }
  if (response.status === 404) return { kind: 'unknown' }
  if (response.status === 401 || response.status === 403) {
    return { kind: 'error', reason: 'auth', status: response.status }
  }
  if (!response.ok) return { kind: 'error', reason: 'server', status: response.status }
  try {
    const body: unknown = await response.json()
    if (looksLikeView(body)) return { kind: 'found', view: body }
  } catch {
    // An unparsable body is the server's fault, reported below like any other bad answer.
  }
  return { kind: 'error', reason: 'server', status: response.status }
}

/**
 * A shape check, not a full parse: the worker validates views with zod before it stores them, and
 * zod would weigh more than the rest of the card.
 */
function looksLikeView(body: unknown): body is CustomerView {
  const v = body as Partial<Record<keyof CustomerView, unknown>> | null
  const customer = v?.customer as { displayName?: unknown } | undefined
  const nps = v?.nps as { responses?: unknown } | undefined
  const tickets = v?.tickets as { open?: unknown } | undefined
  return (
    typeof customer?.displayName === 'string' &&
    Array.isArray(nps?.responses) &&
    Array.isArray(tickets?.open) &&
    Array.isArray(v?.friction) &&
    Array.isArray(v?.freshness) &&
    typeof v?.csat === 'object'
  )
}
