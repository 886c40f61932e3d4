/** The consent page both sandboxes show at their authorize URL: Approve or Deny, nothing more. */
export function consentPage(input: {
  title: string
  action: string
  consentId: string
  scopes: string[]
}): string {
  const escape = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
  const scopes = input.scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join('')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(input.title)}</title></head>
<body><h1>${escape(input.title)}</h1><p>It asks for:</p><ul>${scopes}</ul>
<form method="post" action="${escape(input.action)}">
<input type="hidden" name="consent_id" value="${escape(input.consentId)}">
<button type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form></body></html>`
}

/**
 * Plays the admin: loads the consent page behind `authorizeUrl` from `app` and submits it.
 * Returns the redirect the vendor answers (the callback URL with `code` and `state`, or `error`).
 */
export async function submitConsent(
  app: { request(input: string, init?: RequestInit): Response | Promise<Response> },
  authorizeUrl: string,
  decision: 'approve' | 'deny',
): Promise<URL> {
  const page = await app.request(authorizeUrl)
  const html = await page.text()
  if (page.status !== 200)
    throw new Error(`authorize page answered ${page.status}: ${html.slice(0, 200)}`)
  const action = html.match(/<form method="post" action="([^"]+)"/)?.[1]
  const consentId = html.match(/name="consent_id" value="([^"]+)"/)?.[1]
  if (!action || !consentId) throw new Error('authorize page has no consent form')
  const origin = new URL(authorizeUrl).origin
  const answer = await app.request(new URL(action, origin).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent_id: consentId, decision }).toString(),
  })
  const location = answer.headers.get('location')
  if (answer.status !== 302 || !location) throw new Error(`consent answered ${answer.status}`)
  return new URL(location)
}
