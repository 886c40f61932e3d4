import { scheduled } from '../worker/scheduled.ts'
import { demoApp } from './app.ts'

export { Tenant } from '../worker/tenant/tenant.ts'

/** The demo worker's entry (wrangler.toml `[env.demo]`): production's, with the demo app. */
export default { fetch: demoApp.fetch, scheduled } satisfies ExportedHandler<Env>
