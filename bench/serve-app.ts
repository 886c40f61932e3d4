import { serve } from '@hono/node-server'
import type { Server } from 'node:http'

/**
 * The bench process blocks its event loop for seconds at a time (a slice's customer derive is
 * synchronous SQLite), so undici's own idle timer cannot retire a pooled connection before Node's
 * default 5 s server `keepAliveTimeout` closes it; the next request on it fails with
 * `UND_ERR_SOCKET other side closed`. Bench children keep idle connections 65 s (as load balancers
 * in front of real APIs do), so measured runs see no such retries. Production code is unchanged.
 */
export const BENCH_KEEP_ALIVE_MS = 65_000

/** Serves a Hono-style app on 127.0.0.1 at a free port, with the bench's keep-alive timeout. */
export function serveApp(app: {
  fetch: (request: Request) => Response | Promise<Response>
}): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    ) as Server
    server.keepAliveTimeout = BENCH_KEEP_ALIVE_MS
  })
}
