import type { OAuthTransport } from '../../connectors/kit/oauth-client.ts'
import { hubspotOAuth } from '../../connectors/hubspot/index.ts'
import { zendeskOAuth } from '../../connectors/zendesk/index.ts'

/**
 * The deployment's OAuth apps, from the environment: a Zendesk global client and a HubSpot public
 * app. A vendor whose id or secret is missing cannot be installed (its /install answers 503).
 * Base URLs default to the vendors' own; the sandboxes override them (one host for any subdomain).
 */
export interface ZendeskApp {
  client: { clientId: string; clientSecret: string }
  /** `https://{subdomain}.zendesk.com`, or the sandbox for every subdomain. */
  baseUrlFor(subdomain: string): string
}

export interface HubSpotApp {
  client: { clientId: string; clientSecret: string }
  appBaseUrl: string
  apiBaseUrl: string
}

export interface OAuthApps {
  zendesk: ZendeskApp | null
  hubspot: HubSpotApp | null
}

export type OAuthEnv = Pick<
  Env,
  | 'ZENDESK_CLIENT_ID'
  | 'ZENDESK_CLIENT_SECRET'
  | 'ZENDESK_BASE_URL'
  | 'HUBSPOT_CLIENT_ID'
  | 'HUBSPOT_CLIENT_SECRET'
  | 'HUBSPOT_APP_BASE_URL'
  | 'HUBSPOT_API_BASE_URL'
>

const trimSlash = (url: string) => url.replace(/\/+$/, '')

export function oauthApps(env: Partial<OAuthEnv>): OAuthApps {
  const template = env.ZENDESK_BASE_URL ? trimSlash(env.ZENDESK_BASE_URL) : null
  return {
    zendesk:
      env.ZENDESK_CLIENT_ID && env.ZENDESK_CLIENT_SECRET
        ? {
            client: { clientId: env.ZENDESK_CLIENT_ID, clientSecret: env.ZENDESK_CLIENT_SECRET },
            baseUrlFor: (subdomain) =>
              template
                ? template.replace('{subdomain}', subdomain.toLowerCase())
                : zendeskOAuth.zendeskAccountUrl(subdomain),
          }
        : null,
    hubspot:
      env.HUBSPOT_CLIENT_ID && env.HUBSPOT_CLIENT_SECRET
        ? {
            client: { clientId: env.HUBSPOT_CLIENT_ID, clientSecret: env.HUBSPOT_CLIENT_SECRET },
            appBaseUrl: trimSlash(env.HUBSPOT_APP_BASE_URL || hubspotOAuth.HUBSPOT_APP_URL),
            apiBaseUrl: trimSlash(env.HUBSPOT_API_BASE_URL || hubspotOAuth.HUBSPOT_API_URL),
          }
        : null,
  }
}

/** Global fetch looked up per call, so a test interceptor installed later still applies. */
export const liveTransport: OAuthTransport = { fetch: (input, init) => fetch(input, init) }
