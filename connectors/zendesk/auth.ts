import { z } from 'zod'

/** How cxlens authenticates to one Zendesk account. The token lives only encrypted in the tenant. */
export const ZendeskAuth = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('api_token'),
    email: z.email(),
    token: z.string().min(1).max(200),
  }),
  z.strictObject({ kind: z.literal('oauth'), accessToken: z.string().min(1).max(2000) }),
])
export type ZendeskAuth = z.infer<typeof ZendeskAuth>

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
