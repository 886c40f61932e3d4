/** How cxlens authenticates to one Zendesk account. */
export type ZendeskAuth =
  { kind: 'api_token'; email: string; token: string } | { kind: 'oauth'; accessToken: string }

/**
 * The `Authorization` header. API tokens use Basic with the user `{email}/token`
 * (docs: "Security and authentication" › API token); OAuth access tokens use Bearer.
 */
export function authorizationHeader(auth: ZendeskAuth): string {
  if (auth.kind === 'oauth') return `Bearer ${auth.accessToken}`
  return `Basic ${base64(`${auth.email}/token:${auth.token}`)}`
}

/** UTF-8 safe base64 with only web APIs (runs in workerd and Node). */
function base64(text: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte)
  return btoa(binary)
}
