import { Hono } from 'hono'
import type { AppEnv } from '../app-env.ts'

/** Liveness only: no binding is touched, so a broken dependency never hides a running worker. */
export const health = new Hono<AppEnv>().get('/healthz', (c) => c.json({ ok: true }))
