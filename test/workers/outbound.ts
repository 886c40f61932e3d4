import { FetchInterceptor } from '@mswjs/interceptors/fetch'

/**
 * Outbound HTTP inside workerd: msw's `setupServer` does not run here, so the fetch-only interceptor
 * patches `globalThis.fetch` (shared by the tests and the tenant objects of this isolate) and routes
 * each origin to an in-process handler such as a sandbox's `app.fetch`. An origin with no route
 * answers 401, like a vendor refusing unknown credentials: no test ever reaches the network.
 */
type Handler = (request: Request) => Response | Promise<Response>

const routes = new Map<string, Handler>()
let interceptor: FetchInterceptor | null = null

export function routeOutbound(origin: string, handler: Handler): () => void {
  install()
  routes.set(new URL(origin).origin, handler)
  return () => routes.delete(new URL(origin).origin)
}

export function install(): void {
  if (interceptor) return
  interceptor = new FetchInterceptor()
  interceptor.apply()
  interceptor.on('request', async ({ request, controller }) => {
    const handler = routes.get(new URL(request.url).origin)
    controller.respondWith(
      handler
        ? await handler(request)
        : Response.json({ error: 'Couldn\u2019t authenticate you' }, { status: 401 }),
    )
  })
}
