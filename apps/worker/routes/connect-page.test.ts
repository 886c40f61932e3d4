import type { Context } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../app-env.ts'
import type { ConnectionState } from '../tenant/rpc-types.ts'
import { connectPage, type ConnectModel } from './connect-page.ts'

// The connect page an admin lands on after an install refreshes itself while a first sync runs.
const c = { req: { query: () => undefined, header: () => undefined } } as unknown as Context<AppEnv>

function connection(streams: Array<{ caughtUp: boolean; status: string }>): ConnectionState {
  return {
    connection: { id: 'con_1', source: 'hubspot', account: '5500001' },
    lastSlice: null,
    streams: streams.map((s, i) => ({ stream: `s${i}`, counts: { written: 3 }, ...s })),
    lifecycle: { state: 'active' },
  } as unknown as ConnectionState
}

async function render(connections: ConnectionState[]): Promise<string> {
  const model: ConnectModel = {
    tenantId: 't1',
    name: 'Acme',
    connections,
    installations: [],
    link: 'l',
  }
  return String(await connectPage(c, model))
}

describe('connect page', () => {
  it('refreshes while a connection has no streams yet (its first run has not started)', async () => {
    const page = await render([connection([])])
    expect(page).toContain('http-equiv="refresh"')
    expect(page).toContain('data-first-sync="running"')
  })

  it('refreshes while a stream is still catching up', async () => {
    const page = await render([
      connection([
        { caughtUp: true, status: 'idle' },
        { caughtUp: false, status: 'running' },
      ]),
    ])
    expect(page).toContain('http-equiv="refresh"')
  })

  it('stops refreshing once every stream caught up or failed', async () => {
    const page = await render([
      connection([
        { caughtUp: true, status: 'idle' },
        { caughtUp: false, status: 'failed' },
      ]),
    ])
    expect(page).not.toContain('http-equiv="refresh"')
    expect(page).toContain('data-first-sync="done"')
  })
})
