import { serve } from '@hono/node-server'

export interface LoopbackServer {
  url: string
  close(): Promise<void>
}

/** Serves a fetch handler on 127.0.0.1 (port 0: a free one), for `npm start`, benchmarks and tests. */
export function serveOnLoopback(
  fetch: (request: Request) => Response | Promise<Response>,
  port = 0,
): Promise<LoopbackServer> {
  return new Promise((resolve) => {
    const server = serve({ fetch, hostname: '127.0.0.1', port }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    )
  })
}
