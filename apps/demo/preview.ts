import { Hono, type Context } from 'hono'
import { html, raw } from 'hono/html'
import { z } from 'zod'
import { sidebarDocument } from '../zendesk-sidebar/document.ts'
import { SIDEBAR_CSS, SIDEBAR_JS, ZAF_STANDIN_JS } from '../zendesk-sidebar/dist-embed.ts'
import manifest from '../zendesk-sidebar/manifest.json' with { type: 'json' }
import type { StandinConfig } from '../zendesk-sidebar/preview/zaf-standin.ts'
import type { AppEnv } from '../worker/app-env.ts'
import { badRequest } from '../worker/problem.ts'
import { valid } from '../worker/validate.ts'

export interface PreviewCustomer {
  zendeskUserId: string
  label: string
}

export interface PreviewOptions {
  /** The Zendesk subdomain the preview plays: the `iss` of its tokens and the lookup's `account`. */
  subdomain: string | ((c: Context<AppEnv>) => string)
  /** The HS256 secret tokens are signed with; `zafJwt`'s `resolveSecret(subdomain)` must return it. */
  secret: (c: Context<AppEnv>) => string | Promise<string>
  /** The customer picker: demo customers by Zendesk user id. */
  listCustomers: (c: Context<AppEnv>) => PreviewCustomer[] | Promise<PreviewCustomer[]>
  /** Where this sub-app is mounted, for its own links. */
  basePath?: string
  /** Base URL of the API the sidebar calls; the request's own origin by default. */
  apiUrl?: string
  agentId?: string
  now?: () => number
}

// The claims the request set, kept whole: the proxy signs what the app wrote.
export const TokenRequest = z.object({
  claims: z.looseObject({ iss: z.string(), aud: z.literal('cxlens'), sub: z.string() }),
  expiry: z.number().int().positive().max(3600),
})

export const Frame = z.object({
  user: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  locale: z.enum(['en', 'fr', 'en-US', 'fr-FR']).default('en'),
  location: z.enum(['ticket_sidebar', 'user_sidebar']).default('ticket_sidebar'),
  tamper: z.enum(['0', '1']).default('0'),
})

const encoder = new TextEncoder()
const b64url = (bytes: Uint8Array): string => {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * An HS256 JWT as Zendesk's proxy makes it: the claims the app set plus `exp` from `expiry`.
 * Whether the proxy adds `iat` or `jti` is undocumented, so the preview adds neither and the worker
 * must not need them. [ref: "Making API requests from a Zendesk app", JSON Web Tokens]
 */
export async function signZafJwt(
  claims: Record<string, unknown>,
  secret: string,
  options: { expiry: number; now: number },
): Promise<string> {
  const exp = Math.floor(options.now / 1000) + options.expiry
  const header = b64url(encoder.encode(JSON.stringify({ typ: 'JWT', alg: 'HS256' })))
  const payload = b64url(encoder.encode(JSON.stringify({ ...claims, exp })))
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${header}.${payload}`))
  return `${header}.${payload}.${b64url(new Uint8Array(mac))}`
}

/**
 * `GET /preview`: the Zendesk sidebar as an agent sees it, with no Zendesk account. A customer
 * picker, then the app's real bundle in a 320 px frame with a stand-in ZAF client whose requests
 * carry real HS256 JWTs from `POST /preview/token`, so they pass the same `zafJwt` check as
 * Zendesk's. The token endpoint signs for the demo tenant: mount this only where that is harmless
 * (local `wrangler dev`, a demo deployment).
 */
export function createPreviewRoutes(options: PreviewOptions) {
  const base = (options.basePath ?? '/preview').replace(/\/$/, '')
  const now = options.now ?? Date.now
  const subdomainOf = (c: Context<AppEnv>) =>
    typeof options.subdomain === 'string' ? options.subdomain : options.subdomain(c)

  return new Hono<AppEnv>()
    .get('/', valid('query', Frame), async (c) => {
      const q = c.req.valid('query')
      const customers = await options.listCustomers(c)
      const user = q.user ?? customers[0]?.zendeskUserId ?? ''
      const frame = `${base}/frame?${new URLSearchParams({ ...q, user })}`
      const option = (value: string, label: string, current: string) =>
        html`<option value="${value}" ${value === current ? 'selected' : ''}>${label}</option>`
      return c.html(
        html`<!doctype html>
          <html lang="en">
            <head>
              <meta charset="utf-8" />
              <meta name="viewport" content="width=device-width, initial-scale=1" />
              <title>cxlens · Zendesk sidebar preview</title>
              <style>
                body {
                  font:
                    14px system-ui,
                    sans-serif;
                  margin: 16px;
                  color: #2f3941;
                }
                form {
                  display: flex;
                  flex-wrap: wrap;
                  gap: 8px 16px;
                  align-items: end;
                  margin-bottom: 12px;
                }
                label {
                  display: flex;
                  flex-direction: column;
                  gap: 2px;
                  font-size: 12px;
                }
                iframe {
                  width: 320px;
                  border: 1px solid #d8dcde;
                  border-radius: 4px;
                  height: 480px;
                }
                #route {
                  font-size: 12px;
                  color: #68737d;
                  min-height: 1.4em;
                }
              </style>
            </head>
            <body>
              <h1 style="font-size:16px">
                Zendesk sidebar preview <small style="color:#68737d">(${subdomainOf(c)})</small>
              </h1>
              <form method="get" action="${base}">
                <label
                  >Customer<select name="user">
                    ${customers.map((p) => option(p.zendeskUserId, `${p.label} (#${p.zendeskUserId})`, user))}
                  </select></label
                >
                <label
                  >Agent language<select name="locale">
                    ${option('en', 'English', q.locale)}${option('fr', 'Français', q.locale)}
                  </select></label
                >
                <label
                  >Location<select name="location">
                    ${option('ticket_sidebar', 'Ticket sidebar', q.location)}${option('user_sidebar', 'User sidebar', q.location)}
                  </select></label
                >
                <label
                  >JWT<select name="tamper">
                    ${option('0', 'Signed', q.tamper)}${option('1', 'Forged signature', q.tamper)}
                  </select></label
                >
                <button type="submit">Show</button>
              </form>
              <iframe id="sidebar" title="cxlens sidebar" src="${frame}"></iframe>
              <p id="route" aria-live="polite"></p>
              <script>
                addEventListener('message', function (e) {
                  if (e.data && e.data.cxlens === 'routeTo') {
                    document.getElementById('route').textContent =
                      'Zendesk would open ' + e.data.args.join(' #')
                  }
                })
              </script>
            </body>
          </html>`,
      )
    })

    .get('/frame', valid('query', Frame), (c) => {
      const q = c.req.valid('query')
      const origin = new URL(c.req.url).origin
      const apiUrl = options.apiUrl ?? origin
      const config: StandinConfig = {
        subdomain: subdomainOf(c),
        location: q.location,
        agentId: options.agentId ?? '900001',
        locale: q.locale,
        apiUrl,
        zendeskUserId: q.user ?? null,
        tokenUrl: `${base}/token`,
        // As `package-zendesk.ts --api-domain <host>` packages the app for this API.
        manifest: {
          domainWhitelist: [new URL(apiUrl).hostname],
          parameters: manifest.parameters,
        },
        tamper: q.tamper === '1',
      }
      const page = sidebarDocument({
        lang: q.locale.slice(0, 2),
        css: SIDEBAR_CSS,
        scripts: [
          { inline: `globalThis.CXLENS_STANDIN=${JSON.stringify(config)}` },
          { inline: ZAF_STANDIN_JS },
          { inline: SIDEBAR_JS },
        ],
      })
      return c.html(raw(page))
    })

    .post('/token', valid('json', TokenRequest), async (c) => {
      const { claims, expiry } = c.req.valid('json')
      // Signs only for the demo issuer: never a signing oracle for another account.
      if (claims.iss !== subdomainOf(c))
        throw badRequest(`The preview signs for ${subdomainOf(c)} only`)
      const token = await signZafJwt(claims, await options.secret(c), { expiry, now: now() })
      return c.json({ token })
    })
}
