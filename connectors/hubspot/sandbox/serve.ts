import { parseArgs } from 'node:util'
import { serveOnLoopback } from '../../kit/sandbox/serve.ts'
import { DEFAULT_HUBSPOT_CLIENT } from './oauth.ts'
import { type HubSpotSandbox, type HubSpotSandboxOptions, createHubSpotSandbox } from './app.ts'

export interface RunningHubSpotSandbox {
  url: string
  sandbox: HubSpotSandbox
  close(): Promise<void>
}

/** Serves a sandbox on 127.0.0.1 (port 0: a free one), on the real clock. */
export async function startHubSpotSandbox(
  options: HubSpotSandboxOptions & { port?: number } = {},
): Promise<RunningHubSpotSandbox> {
  const sandbox = createHubSpotSandbox(options)
  return { sandbox, ...(await serveOnLoopback(sandbox.app.fetch, options.port)) }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      latency: { type: 'string' },
      'search-lag': { type: 'string' },
    },
  })
  const running = await startHubSpotSandbox({
    port: Number(values.port ?? 8788),
    seed: Number(values.seed ?? 42),
    latencyMs: Number(values.latency ?? 0),
    searchLagMs: Number(values['search-lag'] ?? 2000),
  })
  console.log(
    `HubSpot sandbox on ${running.url} (token: sandbox-token, portal ${running.sandbox.portalId})`,
  )
  const client = DEFAULT_HUBSPOT_CLIENT
  console.log(
    `  OAuth app: ${client.clientId} / ${client.clientSecret} → ${client.redirectUris.join(', ')}`,
  )
}
