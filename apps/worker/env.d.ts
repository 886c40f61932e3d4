// Secrets are not in wrangler.toml, so `wrangler types` cannot see them: declared here.
// Set them with `wrangler secret put` in production and `.dev.vars` for `wrangler dev`.
interface CxlensSecrets {
  /** Bearer token of the `/admin/*` routes. */
  CXLENS_ADMIN_TOKEN: string
  /** base64 of 32 random bytes: AES-GCM key of every secret at rest (credentials, app, webhook). */
  CXLENS_SECRET_KEY: string
  /** Optional slice bounds (numbers as text): at most this many requests / ms per alarm slice. */
  CXLENS_SLICE_MAX_REQUESTS?: string
  CXLENS_SLICE_MAX_MILLIS?: string
  /**
   * Optional: client secret of a HubSpot marketplace app, the v3 signature key of every portal
   * installed without its own `clientSecret` (`PUT /admin/tenants/:t/installations/hubspot`).
   */
  HUBSPOT_CLIENT_SECRET?: string
  /** Optional: days an uninstalled connection's data is kept before it is purged (default 30). */
  CXLENS_RETENTION_DAYS?: string
  /** Optional: the Zendesk global OAuth client (`zdg-…`) of installs (`/install/zendesk`). */
  ZENDESK_CLIENT_ID?: string
  ZENDESK_CLIENT_SECRET?: string
  /** Optional: Zendesk's host for every subdomain (`{subdomain}` is filled in); a sandbox's URL. */
  ZENDESK_BASE_URL?: string
  /** Optional: the HubSpot public app's client id (with `HUBSPOT_CLIENT_SECRET`) for installs. */
  HUBSPOT_CLIENT_ID?: string
  /** Optional: HubSpot's consent host (`https://app.hubspot.com`) and API host, or a sandbox. */
  HUBSPOT_APP_BASE_URL?: string
  HUBSPOT_API_BASE_URL?: string
  /** Optional: the origin HubSpot signs when a proxy or tunnel changes ours (`https://x.example`). */
  CXLENS_PUBLIC_ORIGIN?: string
  /**
   * Optional, demo only: turns `/preview` on (404 without it). Its tokens are signed with this
   * secret, so the preview's tenant installs its Zendesk subdomain with the same `sharedSecret`.
   */
  CXLENS_PREVIEW_SECRET?: string
  /** The Zendesk subdomain the preview plays (default `demo`). */
  CXLENS_PREVIEW_SUBDOMAIN?: string
  /** Optional, local demo and tests only ('1'): alert webhooks may go to http(s)://127.0.0.1. */
  CXLENS_ALERTS_ALLOW_LOOPBACK?: string
}

interface Env extends CxlensSecrets {}
declare namespace Cloudflare {
  interface Env extends CxlensSecrets {}
}
