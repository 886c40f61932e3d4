import type { CustomerView } from '../../../core/model/index.ts'

/**
 * The one module that talks to the Zendesk Apps framework. Everything else sees a `SidebarHost`,
 * so the preview page and the tests swap in a stand-in client with the same interface.
 * [ref: Zendesk "ZAF Client API" and "Making API requests from a Zendesk app"]
 */

/** The subset of the ZAF v2 client this app uses. */
export interface ZafClient {
  context(): Promise<{ account: { subdomain: string }; location: string }>
  metadata(): Promise<{ settings: Record<string, unknown> }>
  get(paths: string | string[]): Promise<Record<string, unknown>>
  request(options: ZafRequestOptions): Promise<unknown>
  invoke(name: string, ...args: unknown[]): Promise<unknown> | unknown
  on(event: string, handler: () => void): void
}

export interface ZafRequestOptions {
  url: string
  type: 'GET'
  dataType: 'json'
  secure: boolean
  cors: false
  headers: Record<string, string>
  jwt: {
    algorithm: 'HS256'
    secret_key: string
    expiry: number
    claims: { iss: string; aud: 'cxlens'; sub: string }
  }
}

/** How `client.request` fails: a jqXHR-like object; status 0 when the network failed. */
interface ZafRequestError {
  status?: number
  responseJSON?: unknown
}

export type Location = 'ticket_sidebar' | 'user_sidebar'

export interface SidebarContext {
  location: Location
  subdomain: string
  agentId: string
  locale: string
  apiUrl: string | null
  /** The Zendesk user the sidebar is about: the ticket's requester or the user being viewed. */
  zendeskUserId: string | null
}

export type LookupResult =
  | { kind: 'found'; view: CustomerView }
  | { kind: 'unknown' }
  | { kind: 'error'; reason: 'auth' | 'network' | 'server' | 'config'; status?: number }

export interface SidebarHost {
  context(): Promise<SidebarContext>
  lookup(context: SidebarContext): Promise<LookupResult>
  openTicket(id: string): void
  resize(height: number): void
  onSubjectChange(handler: () => void): void
}

declare global {
  // Set by the SDK script tag (zaf_sdk.min.js) in Zendesk, or by the preview's stand-in.
  var ZAFClient: { init(): ZafClient } | undefined
}

const JWT_EXPIRY_SECONDS = 300

const asId = (value: unknown): string | null =>
  typeof value === 'number' || (typeof value === 'string' && value !== '') ? String(value) : null

export function connectZaf(client: ZafClient): SidebarHost {
  let location: Location = 'ticket_sidebar'
  return {
    async context() {
      const [ctx, meta, me] = await Promise.all([
        client.context(),
        client.metadata(),
        client.get(['currentUser.id', 'currentUser.locale']),
      ])
      location = ctx.location === 'user_sidebar' ? 'user_sidebar' : 'ticket_sidebar'
      const subjectPath = location === 'user_sidebar' ? 'user.id' : 'ticket.requester.id'
      const subject = await client.get(subjectPath)
      const apiUrl = typeof meta.settings.api_url === 'string' ? meta.settings.api_url : ''
      return {
        location,
        subdomain: ctx.account.subdomain,
        agentId: asId(me['currentUser.id']) ?? '',
        locale: typeof me['currentUser.locale'] === 'string' ? me['currentUser.locale'] : 'en',
        apiUrl: apiUrl.trim() === '' ? null : apiUrl.replace(/\/+$/, ''),
        zendeskUserId: asId(subject[subjectPath]),
      }
    },

    async lookup(ctx) {
      if (!ctx.apiUrl) return { kind: 'error', reason: 'config' }
      const query = new URLSearchParams({
        zendesk_user_id: ctx.zendeskUserId ?? '',
        account: ctx.subdomain,
      })
      try {
        const body = await client.request({
          url: `${ctx.apiUrl}/v1/customers/lookup?${query}`,
          type: 'GET',
          dataType: 'json',
          // Zendesk's proxy signs the JWT with the secure setting (the secret never reaches the page)
          // and sends it only where the request places {{jwt.token}}: no placeholder, no token.
          // [ref: Zendesk "Making API requests from a Zendesk app", JSON Web Tokens]
          secure: true,
          cors: false,
          headers: { Authorization: 'Bearer {{jwt.token}}' },
          jwt: {
            algorithm: 'HS256',
            secret_key: '{{setting.shared_secret}}',
            expiry: JWT_EXPIRY_SECONDS,
            claims: { iss: ctx.subdomain, aud: 'cxlens', sub: ctx.agentId },
          },
        })
        return isView(body) ? { kind: 'found', view: body } : { kind: 'error', reason: 'server' }
      } catch (failure) {
        const status = (failure as ZafRequestError | null)?.status ?? 0
        if (status === 404) return { kind: 'unknown' }
        if (status === 401 || status === 403) return { kind: 'error', reason: 'auth', status }
        if (status === 0) return { kind: 'error', reason: 'network' }
        return { kind: 'error', reason: 'server', status }
      }
    },

    openTicket(id) {
      void client.invoke('routeTo', 'ticket', id)
    },

    resize(height) {
      void client.invoke('resize', { width: '100%', height: `${Math.ceil(height)}px` })
    },

    onSubjectChange(handler) {
      client.on(
        location === 'user_sidebar' ? 'user.id.changed' : 'ticket.requester.id.changed',
        handler,
      )
    },
  }
}

/** The view's outline; the worker validated it against the model before storing it. */
function isView(body: unknown): body is CustomerView {
  const v = body as Partial<CustomerView> | null
  return (
    v !== null &&
    typeof v === 'object' &&
    typeof v.customer?.displayName === 'string' &&
    Array.isArray(v.nps?.responses) &&
    Array.isArray(v.friction) &&
    Array.isArray(v.tickets?.open)
  )
}

/** The client the page was given: Zendesk's SDK in Zendesk, the stand-in in the preview. */
export function initZafClient(): ZafClient | null {
  return globalThis.ZAFClient?.init() ?? null
}
