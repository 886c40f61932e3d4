import { Hono } from 'hono'
import type { AppEnv } from './app-env.ts'
import { adminConsole } from './console/routes.ts'
import { apiKey } from './middleware/api-key.ts'
import { customerCredentials } from './middleware/customer-credentials.ts'
import { platformCredentials } from './middleware/platform-credentials.ts'
import { requireTenant } from './middleware/require-tenant.ts'
import { openApi } from './openapi/serve.ts'
import { onError, onNotFound } from './problem.ts'
import { admin } from './routes/admin.ts'
import { customers } from './routes/customers.ts'
import { adminDashboards, dashboards } from './routes/dashboards.ts'
import { adminFeeds, feedHooks } from './routes/feeds.ts'
import { responses } from './routes/responses.ts'
import { health } from './routes/health.ts'
import { webhooks } from './routes/webhooks.ts'
import { connect } from './routes/connect.ts'
import { install } from './routes/install.ts'
import { oauth } from './routes/oauth.ts'
import { adminWebhooks } from './routes/webhooks-admin.ts'

/**
 * The worker's HTTP surface. Errors of every route become problem+json in `onError`. The demo's
 * /preview is not here: apps/demo adds it, so production never ships it.
 */
export const app = new Hono<AppEnv>()

app.route('/', health)
app.route('/', openApi)
// The console's pages and sign-in come before the admin API, whose token check they precede.
app.route('/admin', adminConsole)
app.route('/admin', admin)
app.route('/admin', adminWebhooks)
app.route('/admin', adminDashboards)
app.route('/admin', adminFeeds)
// Vendor webhooks: each request proves itself by the vendor's signature, no bearer.
app.route('/webhooks', webhooks)
// OAuth installs: each proves itself by a signed state or the connect page's session cookie.
app.route('/install', install)
app.route('/oauth', oauth)
app.route('/connect', connect)
// Survey feeds' own webhooks: signed with each feed's secret.
app.route('/hooks', feedHooks)
app.use('/v1/customers/*', ...customerCredentials(platformCredentials()))
app.route('/v1/customers', customers)
// Writes take the tenant API key only: a sidebar's JWT or a card's signature only reads.
app.use('/v1/responses', apiKey(), requireTenant())
app.route('/v1/responses', responses)
app.route('/v1/dashboards', dashboards)

app.onError(onError)
app.notFound(onNotFound)
