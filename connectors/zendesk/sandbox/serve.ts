import { parseArgs } from 'node:util'
import { serveOnLoopback } from '../../kit/sandbox/serve.ts'
import { DEFAULT_ZENDESK_CLIENT } from './oauth.ts'
import { createZendeskSandbox, type SandboxOptions, type ZendeskSandbox } from './app.ts'

export interface RunningSandbox {
  url: string
  sandbox: ZendeskSandbox
  close(): Promise<void>
}

/** Serves a sandbox on 127.0.0.1 (port 0: a free one), on the real clock. */
export async function startZendeskSandbox(
  options: SandboxOptions & { port?: number } = {},
): Promise<RunningSandbox> {
  const now = Date.now()
  const sandbox = createZendeskSandbox({ now, clock: () => Date.now(), ...options })
  return { sandbox, ...(await serveOnLoopback(sandbox.app.fetch, options.port)) }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      users: { type: 'string' },
      tickets: { type: 'string' },
      'time-scale': { type: 'string' },
      latency: { type: 'string' },
    },
  })
  const env = process.env
  const num = (flag: string | undefined, variable: string | undefined) => {
    const raw = flag ?? variable
    return raw === undefined ? undefined : Number(raw)
  }
  const running = await startZendeskSandbox({
    port: num(values.port, env.ZENDESK_SANDBOX_PORT ?? env.PORT) ?? 0,
    seed: num(values.seed, env.ZENDESK_SANDBOX_SEED),
    users: num(values.users, env.ZENDESK_SANDBOX_USERS),
    tickets: num(values.tickets, env.ZENDESK_SANDBOX_TICKETS),
    latencyMs: num(values.latency, env.ZENDESK_SANDBOX_LATENCY_MS),
    rateLimits: { timeScale: num(values['time-scale'], env.ZENDESK_SANDBOX_TIME_SCALE) },
  })
  const { email, apiToken, oauthToken } = running.sandbox.credentials
  console.log(`Zendesk sandbox listening on ${running.url}`)
  console.log(`  auth: ${email}/token:${apiToken} (Basic) or Bearer ${oauthToken}`)
  const client = DEFAULT_ZENDESK_CLIENT
  console.log(
    `  OAuth client: ${client.clientId} / ${client.clientSecret} → ${client.redirectUris.join(', ')}`,
  )
  const stop = () => void running.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}
