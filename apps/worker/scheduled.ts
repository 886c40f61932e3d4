import { Directory } from './directory/directory.ts'
import { tenantStub } from './tenant/client.ts'

const PAGE = 200

/**
 * The cron watchdog. Each tenant's alarm drives its own syncs; this only re-arms tenants whose alarm
 * was lost (a deploy, a bug), by asking every listed tenant to arm at its earliest due connection.
 */
export async function rearmTenants(env: Env): Promise<{ tenants: number; failed: number }> {
  const directory = new Directory(env.DIRECTORY)
  let after = ''
  let tenants = 0
  let failed = 0
  for (;;) {
    const ids = await directory.listTenantIds(after, PAGE)
    if (ids.length === 0) break
    const results = await Promise.allSettled(ids.map((id) => tenantStub(env, id).armAlarm()))
    tenants += ids.length
    failed += results.filter((r) => r.status === 'rejected').length
    after = ids[ids.length - 1]!
  }
  console.log(JSON.stringify({ level: 'info', event: 'watchdog', tenants, failed }))
  return { tenants, failed }
}

export const scheduled: ExportedHandlerScheduledHandler<Env> = (_controller, env, ctx) => {
  ctx.waitUntil(rearmTenants(env))
}
