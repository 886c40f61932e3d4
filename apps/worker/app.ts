import { Hono } from 'hono'
import type { AppEnv } from './app-env.ts'
import { customerCredentials } from './middleware/customer-credentials.ts'
import { platformCredentials } from './middleware/platform-credentials.ts'
import { onError, onNotFound } from './problem.ts'
import { admin } from './routes/admin.ts'
import { customers } from './routes/customers.ts'
import { health } from './routes/health.ts'

/** The worker's HTTP surface. Errors of every route become problem+json in `onError`. */
export const app = new Hono<AppEnv>()

app.route('/', health)
app.route('/admin', admin)
app.use('/v1/customers/*', ...customerCredentials(platformCredentials()))
app.route('/v1/customers', customers)
// Other surfaces mount here: `app.route('/preview', preview)` from `./routes/preview.ts`.

app.onError(onError)
app.notFound(onNotFound)
