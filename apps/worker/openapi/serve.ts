import { Hono } from 'hono'
import { etag } from 'hono/etag'
import { version } from '../../../package.json'
import type { AppEnv } from '../app-env.ts'
import { buildDocument } from './document.ts'
import { ROUTES } from './routes.ts'

let document: string | null = null

/** `GET /openapi.json`: public, built once per isolate, cacheable for an hour. */
export const openApi = new Hono<AppEnv>().get('/openapi.json', etag(), (c) => {
  document ??= JSON.stringify(buildDocument(ROUTES, { version }))
  c.header('cache-control', 'public, max-age=3600')
  c.header('content-type', 'application/json; charset=UTF-8')
  return c.body(document)
})
