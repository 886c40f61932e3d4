/** How cxlens authenticates to one HubSpot portal: a private app token or an OAuth access token. */
export type HubSpotAuth =
  { kind: 'private_app'; token: string } | { kind: 'oauth'; accessToken: string }

/** Both are Bearer tokens (docs: "Authentication methods on HubSpot"). */
export function authorizationHeader(auth: HubSpotAuth): string {
  return `Bearer ${auth.kind === 'private_app' ? auth.token : auth.accessToken}`
}
