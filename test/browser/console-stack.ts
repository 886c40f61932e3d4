import { startZendeskSandbox, type RunningSandbox } from '../../connectors/zendesk/sandbox/serve.ts'
import { startLocalWorker } from './local-worker.ts'

export const CONSOLE_ADMIN_TOKEN = 'console-admin-token-0123456789abcdef'
const SECRET_KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='

export interface ConsoleStack {
  workerUrl: string
  sandbox: RunningSandbox
  tenantId: string
  /** The tenant's API key (for `/v1/responses` imports). */
  apiKey: string
  connectionId: string
  admin<T = any>(method: string, path: string, body?: unknown): Promise<T>
  stop(): Promise<void>
}

/**
 * A Zendesk sandbox with some latency and a worker (wrangler, which runs the console's [build])
 * cutting syncs into slices of 3 requests, so a run lasts long enough to be watched; one tenant
 * connected to the sandbox, its first sync finished.
 */
export async function startConsoleStack(): Promise<ConsoleStack> {
  const stops: Array<() => Promise<void>> = []
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined)
  }
  try {
    const sandbox = await startZendeskSandbox({
      seed: 11,
      users: 300,
      tickets: 1500,
      years: 1,
      subdomain: 'console',
      latencyMs: 120,
      now: Date.now() - 10 * 60_000,
    })
    stops.push(() => sandbox.close())
    const workerUrl = await startLocalWorker(
      'console',
      {
        CXLENS_ADMIN_TOKEN: CONSOLE_ADMIN_TOKEN,
        CXLENS_SECRET_KEY: SECRET_KEY,
        CXLENS_SLICE_MAX_REQUESTS: '3',
      },
      stops,
    )

    const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${workerUrl}/admin${path}`, {
        method,
        headers: {
          authorization: `Bearer ${CONSOLE_ADMIN_TOKEN}`,
          'content-type': 'application/json',
        },
        body: body === undefined ? null : JSON.stringify(body),
      })
      const json: unknown = await res.json().catch(() => null)
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`)
      return json as T
    }
    const tenant = await admin<{ tenantId: string; apiKey: string }>('POST', '/tenants', {
      name: 'Console test',
    })
    const { email, apiToken } = sandbox.sandbox.credentials
    const connection = await admin<{ id: string }>(
      'POST',
      `/tenants/${tenant.tenantId}/connections`,
      {
        source: 'zendesk',
        baseUrl: sandbox.url,
        account: 'console',
        auth: { kind: 'api_token', email, token: apiToken },
      },
    )
    const path = `/tenants/${tenant.tenantId}/connections/${connection.id}/status`
    for (let i = 0; ; i++) {
      const status = await admin<{ currentRun: unknown; lastRun: { outcome: string } | null }>(
        'GET',
        path,
      )
      if (status.currentRun === null && status.lastRun) {
        if (status.lastRun.outcome !== 'succeeded')
          throw new Error(`first sync ended ${status.lastRun.outcome}`)
        break
      }
      if (i > 600) throw new Error('the first sync did not finish in 2 minutes')
      await new Promise((r) => setTimeout(r, 200))
    }
    return {
      workerUrl,
      sandbox,
      tenantId: tenant.tenantId,
      apiKey: tenant.apiKey,
      connectionId: connection.id,
      admin,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
