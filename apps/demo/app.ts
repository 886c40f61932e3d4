import { Hono } from 'hono'
import { app } from '../worker/app.ts'
import type { AppEnv } from '../worker/app-env.ts'
import { onError, onNotFound } from '../worker/problem.ts'
import { demoPreview, previewEnabled } from './demo-preview.ts'

/**
 * The demo worker (`npm start`, `wrangler deploy --env demo`): the production app plus /preview,
 * the sidebar as an agent sees it, signed like Zendesk's proxy — only with CXLENS_PREVIEW_SECRET.
 */
export const demoApp = new Hono<AppEnv>()

demoApp.use('/preview/*', previewEnabled())
demoApp.route('/preview', demoPreview)
demoApp.route('/', app)

demoApp.onError(onError)
demoApp.notFound(onNotFound)
