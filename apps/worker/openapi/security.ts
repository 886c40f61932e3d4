/**
 * The worker's credentials as OpenAPI security schemes. Three are bearer tokens (the worker tells
 * them apart by their form); the vendor signatures are headers, listed together where a request
 * needs all of them (one requirement object = AND, alternatives = OR).
 */
export const SECURITY_SCHEMES = {
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The deployment\u2019s `CXLENS_ADMIN_TOKEN` (constant-time compare).',
  },
  tenantApiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'cxl_<tenantId>_<secret>',
    description:
      'The tenant\u2019s API key (`POST /admin/tenants`, rotated by `…/api-key/rotate`).',
  },
  zafJwt: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      'HS256 JWT signed by Zendesk\u2019s proxy with the installation\u2019s `shared_secret`: ' +
      '`iss` = subdomain, `aud` = `cxlens`, lifetime \u2264 1 h.',
  },
  hubspotSignatureV3: {
    type: 'apiKey',
    in: 'header',
    name: 'X-HubSpot-Signature-v3',
    description:
      'base64(HMAC-SHA256(client secret, method + URL + body + timestamp)) (HubSpot: ' +
      '"Validating requests from HubSpot"); the signed `portalId` query parameter names the portal.',
  },
  hubspotRequestTimestamp: {
    type: 'apiKey',
    in: 'header',
    name: 'X-HubSpot-Request-Timestamp',
    description: 'Milliseconds since the epoch, at most 5 minutes old.',
  },
  hubspotSignatureV1: {
    type: 'apiKey',
    in: 'header',
    name: 'X-HubSpot-Signature',
    description:
      'Webhooks only: hex(SHA-256(client secret + body)), `X-HubSpot-Signature-Version: v1`.',
  },
  zendeskWebhookSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Zendesk-Webhook-Signature',
    description:
      'base64(HMAC-SHA256(the webhook\u2019s signing secret, timestamp + body)) (Zendesk: ' +
      '"Verifying webhook authenticity").',
  },
  adminSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'cxlens_admin',
    description:
      'The admin console’s session (`POST /admin/session`): HttpOnly, SameSite=Strict, 8 h; ' +
      'a state-changing request with it must come from the worker’s own origin (else 403).',
  },
  connectSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'cxlens_connect',
    description:
      'The install session an OAuth callback sets (`/oauth/*/callback`): names the tenant the ' +
      'browser just installed into.',
  },
  feedSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Cxlens-Signature',
    description:
      '`v1=` hex(HMAC-SHA256(the feed\u2019s secret, timestamp + "." + body)); the secret comes from ' +
      '`POST /admin/tenants/{tenantId}/feeds/{feed}/secret`.',
  },
  feedTimestamp: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Cxlens-Timestamp',
    description: 'Unix seconds, at most 5 minutes from now.',
  },
  zendeskWebhookTimestamp: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Zendesk-Webhook-Signature-Timestamp',
    description: 'ISO 8601, at most 5 minutes old.',
  },
} as const

type SchemeName = keyof typeof SECURITY_SCHEMES
type Requirement = Partial<Record<SchemeName, []>>

/** Who may call a route: each entry one way in. */
export const CREDENTIALS = {
  public: [],
  admin: [{ adminToken: [] }, { adminSession: [] }],
  /** The console's pages: a session shows the console, none the sign-in page. */
  adminConsole: [{}, { adminSession: [] }],
  tenantApiKey: [{ tenantApiKey: [] }],
  /** `/v1/customers/*`: API key, ZAF JWT or HubSpot signature (middleware/customer-credentials.ts). */
  customer: [
    { tenantApiKey: [] },
    { zafJwt: [] },
    { hubspotSignatureV3: [], hubspotRequestTimestamp: [] },
  ],
  /** The connect page: the install session cookie. */
  connectSession: [{ connectSession: [] }],
  /** A survey feed's own webhook. */
  feedWebhook: [{ feedSignature: [], feedTimestamp: [] }],
  zendeskWebhook: [{ zendeskWebhookSignature: [], zendeskWebhookTimestamp: [] }],
  hubspotWebhook: [
    { hubspotSignatureV3: [], hubspotRequestTimestamp: [] },
    { hubspotSignatureV1: [] },
  ],
} as const satisfies Record<string, Requirement[]>

export type Credential = keyof typeof CREDENTIALS
