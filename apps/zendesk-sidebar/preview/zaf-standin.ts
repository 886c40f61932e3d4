import type { ZafClient } from '../src/zaf.ts'
import { prepareRequest, withToken, type ProxyManifest, type ProxyRequest } from './zaf-proxy.ts'

/**
 * A stand-in for Zendesk's ZAF client, for the demo's /preview page and the tests: the same
 * interface `src/zaf.ts` uses. Its `request` behaves like Zendesk's proxy (`zaf-proxy.ts`): a JWT,
 * signed for real by the preview's token endpoint (the secret never reaches this page), goes only
 * where the request places `{{jwt.token}}`, in a secure request to a whitelisted host.
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
  /** The installed app's manifest as packaged for `apiUrl`'s host. */
  manifest: ProxyManifest
  /** Spoil the signature, to see the worker refuse it and the app say so. */
  tamper?: boolean
}

/** How the proxy's refusal reaches the app: no response, as when the request never left. */
export interface StandinRefusal {
  status: 0
  statusText: string
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

export function createStandinClient(
  config: StandinConfig,
  send: typeof fetch = (input, init) => fetch(input, init),
): ZafClient & { request(options: ProxyRequest): Promise<unknown> } {
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
    async request(options: ProxyRequest) {
      const prepared = prepareRequest(options, config.manifest)
      if (!prepared.ok) {
        // Zendesk's docs do not say how the proxy answers these: refused before anything is sent.
        throw { status: 0, statusText: prepared.reason } satisfies StandinRefusal
      }
      let request = prepared.request
      if (request.sign) {
        const res = await send(config.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request.sign),
        })
        if (!res.ok) throw { status: res.status }
        const { token } = (await res.json()) as { token: string }
        request = withToken(request, config.tamper ? spoil(token) : token)
      }
      let res: Response
      try {
        res = await send(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body !== undefined && { body: request.body }),
        })
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
