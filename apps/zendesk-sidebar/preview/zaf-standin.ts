import type { ZafClient, ZafRequestOptions } from '../src/zaf.ts'

/**
 * A stand-in for Zendesk's ZAF client, for the worker's /preview page and the browser tests: the
 * same interface `src/zaf.ts` uses. Like Zendesk's proxy it puts a JWT in `Authorization: Bearer`,
 * signed for real by the preview's token endpoint (the secret never reaches this page).
 */
export interface StandinConfig {
  subdomain: string
  location: 'ticket_sidebar' | 'user_sidebar'
  agentId: string
  locale: string
  apiUrl: string
  /** The Zendesk user shown: the ticket's requester or the viewed user. */
  zendeskUserId: string | null
  /** POST `{ claims, expiry }` → `{ token }`. */
  tokenUrl: string
  /** Spoil the signature, to see the worker refuse it and the app say so. */
  tamper?: boolean
}

declare global {
  var CXLENS_STANDIN: StandinConfig | undefined
  var __zafCalls: Array<{ name: string; args: unknown[] }> | undefined
}

/** Changes one signature character away from the end: the last one may hold only padding bits. */
function spoil(token: string): string {
  const i = token.lastIndexOf('.') + 1
  return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1)
}

export function createStandinClient(config: StandinConfig): ZafClient {
  const calls: Array<{ name: string; args: unknown[] }> = (globalThis.__zafCalls = [])
  const values: Record<string, unknown> = {
    'currentUser.id': Number(config.agentId),
    'currentUser.locale': config.locale,
    'ticket.requester.id': config.zendeskUserId === null ? undefined : Number(config.zendeskUserId),
    'user.id': config.zendeskUserId === null ? undefined : Number(config.zendeskUserId),
  }
  return {
    async context() {
      return { account: { subdomain: config.subdomain }, location: config.location }
    },
    async metadata() {
      return { settings: { api_url: config.apiUrl } }
    },
    async get(paths) {
      const list = Array.isArray(paths) ? paths : [paths]
      return Object.fromEntries(list.map((p) => [p, values[p]]))
    },
    async request(options: ZafRequestOptions) {
      const headers: Record<string, string> = { accept: 'application/json' }
      if (options.jwt) {
        const res = await fetch(config.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ claims: options.jwt.claims, expiry: options.jwt.expiry }),
        })
        if (!res.ok) throw { status: res.status }
        const { token } = (await res.json()) as { token: string }
        headers.authorization = `Bearer ${config.tamper ? spoil(token) : token}`
      }
      let res: Response
      try {
        res = await fetch(options.url, { method: options.type, headers })
      } catch {
        throw { status: 0 }
      }
      const body: unknown = await res.json().catch(() => null)
      if (!res.ok) throw { status: res.status, responseJSON: body }
      return body
    },
    invoke(name, ...args) {
      calls.push({ name, args })
      const frame = globalThis.frameElement as HTMLElement | null
      if (name === 'resize' && frame) frame.style.height = (args[0] as { height: string }).height
      if (name === 'routeTo') globalThis.parent?.postMessage({ cxlens: 'routeTo', args }, '*')
      return Promise.resolve()
    },
    on() {
      // The preview shows one subject per page: the picker reloads the frame.
    },
  }
}

const config = globalThis.CXLENS_STANDIN
if (config) {
  const client = createStandinClient(config)
  globalThis.ZAFClient = { init: () => client }
}
