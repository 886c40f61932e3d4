// `npm start`'s alert receiver: a tiny HTTP server on loopback standing in for Slack or a team's
// endpoint. It checks each alert's signature as a real receiver should, keeps each alert id once
// (deliveries are at least once) and prints what arrived.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createServer } from 'node:http'
import type { AdminClient } from './admin-client.ts'

/** Signatures older than this are refused (replays). */
const MAX_SKEW_SECONDS = 300

export interface AlertReceiver {
  url: string
  close(): Promise<void>
}

/** Starts the receiver; `secret()` gives the signing secret once the tenant's webhook is set. */
export async function startAlertReceiver(
  secret: () => string | null,
  print: (line: string) => void,
): Promise<AlertReceiver> {
  const seen = new Set<string>()
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const timestamp = String(request.headers['x-cxlens-timestamp'] ?? '')
      const signature = String(request.headers['x-cxlens-signature'] ?? '')
      const id = String(request.headers['idempotency-key'] ?? '')
      const key = secret()
      const expected = key
        ? `sha256=${createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex')}`
        : ''
      const fresh = Math.abs(Date.now() / 1000 - Number(timestamp)) <= MAX_SKEW_SECONDS
      const valid =
        key !== null &&
        fresh &&
        signature.length === expected.length &&
        timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
      if (!valid) {
        print('alert refused: bad or stale signature')
        response.writeHead(401).end()
        return
      }
      if (!seen.has(id)) {
        seen.add(id)
        const alert = JSON.parse(body) as { rule: string; text: string }
        print(`alert received (signature ok, ${alert.rule}, id ${id}): ${alert.text}`)
      }
      response.writeHead(204).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/**
 * Points the tenant's alert webhook at a receiver started here and prints a ready curl line that
 * posts an NPS 3 for a demo customer: the alert arrives within seconds and the receiver says so.
 */
export async function setUpDemoAlerts(options: {
  worker: string
  admin: AdminClient
  tenant: { tenantId: string; apiKey: string }
  print: (line: string) => void
  onClose: (close: () => Promise<void>) => void
}): Promise<void> {
  const { worker, admin, tenant, print } = options
  let signingSecret: string | null = null
  const receiver = await startAlertReceiver(() => signingSecret, print)
  options.onClose(receiver.close)
  const config = await admin.put<{ signingSecret: string }>(
    `/admin/tenants/${tenant.tenantId}/alerts/rules`,
    { webhook: { url: receiver.url } },
  )
  signingSecret = config.signingSecret
  const email = await demoEmail(worker, admin, tenant)
  if (!email) return
  const answer = {
    id: `demo-nps-${Date.now()}`,
    kind: 'nps',
    score: 3,
    comment: 'Toujours pas de réponse à mon ticket',
    submittedAt: '$(date -u +%Y-%m-%dT%H:%M:%SZ)',
    email,
  }
  console.log(`\nAlerts go to a receiver on ${receiver.url}. Post an NPS 3 for ${email}:`)
  console.log(
    `  curl -s -H 'Authorization: Bearer ${tenant.apiKey}' -H 'Content-Type: application/json' ` +
      `${worker}/v1/responses -d "${JSON.stringify({ responses: [answer] }).replace(/"/g, '\\"')}"`,
  )
  console.log(
    `  # then the alert log: curl -s -H 'Authorization: Bearer ${admin.token}' ` +
      `${worker}/admin/tenants/${tenant.tenantId}/alerts`,
  )
}

/** The email of a customer with NPS answers (the import joins the answer to them by email). */
async function demoEmail(
  worker: string,
  admin: AdminClient,
  tenant: { tenantId: string; apiKey: string },
): Promise<string | null> {
  const { customers } = await admin.get<{ customers: Array<{ id: string }> }>(
    `/admin/tenants/${tenant.tenantId}/customers?has=nps&limit=20`,
  )
  for (const { id } of customers) {
    const response = await fetch(`${worker}/v1/customers/${id}`, {
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    })
    if (!response.ok) continue
    const view = (await response.json()) as { customer: { emails: string[] } }
    if (view.customer.emails[0]) return view.customer.emails[0]
  }
  return null
}
