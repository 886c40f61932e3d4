import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import type { CustomerView } from '../../core/model/index.ts'
import { detractorView, focusedView, quietView } from '../../core/presentation/fixtures.ts'
import { zafJwt, type ZafEnv } from '../../apps/worker/middleware/zaf-jwt.ts'
import { onError } from '../../apps/worker/problem.ts'
import { createPreviewRoutes } from '../../apps/demo/preview.ts'

const SECRET = 'browser-fixture-secret-0123456789'
const VIEWS: Record<string, CustomerView> = {
  '501': detractorView,
  '502': quietView,
  '503': focusedView,
}

export interface FixtureServer {
  url: string
  lookups: Array<{ user: string | undefined; agent: string | null }>
  close(): Promise<void>
}

/**
 * The worker's sidebar surface over fixture views, on loopback: the real `/preview` routes and the
 * real `zafJwt` check in front of a lookup that answers hand-written views (501 detractor, 502 quiet, 503 ranked focus).
 */
export async function startFixtureServer(): Promise<FixtureServer> {
  const lookups: FixtureServer['lookups'] = []
  const app = new Hono<ZafEnv>()
  app.onError(onError)
  app.route(
    '/preview',
    createPreviewRoutes({
      subdomain: 'acme',
      secret: () => SECRET,
      listCustomers: () => [
        { zendeskUserId: '501', label: 'Marie Dupont' },
        { zendeskUserId: '502', label: 'Léo Martin' },
      ],
    }),
  )
  app.use(
    '/v1/*',
    zafJwt({
      resolveSecret: (iss) => (iss === 'acme' ? { tenantId: 'ten_fixture', secret: SECRET } : null),
    }),
  )
  app.get('/v1/customers/lookup', (c) => {
    const user = c.req.query('zendesk_user_id')
    lookups.push({ user, agent: c.get('zaf').agentId })
    const view = user ? VIEWS[user] : undefined
    return view ? c.json(view) : c.json({ status: 404, title: 'Not found' }, 404)
  })
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) =>
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        lookups,
        close: () => new Promise<void>((done) => server.close(() => done())),
      }),
    )
  })
}
