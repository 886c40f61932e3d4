import {
  createExecutionContext,
  createScheduledController,
  runInDurableObject,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, expect, it } from 'vitest'
import worker from '../../apps/worker/index.ts'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { addZendeskConnection, createTenant } from './http.ts'
import { install } from './outbound.ts'

beforeAll(install)

it('the cron watchdog re-arms a tenant whose alarm was lost', async () => {
  const { tenantId } = await createTenant()
  expect((await addZendeskConnection(tenantId)).status).toBe(201)
  const stub = tenantStub(env, tenantId)
  await runInDurableObject(stub, async (_instance, state) => {
    await state.storage.deleteAlarm()
  })
  expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).toBeNull()

  const ctx = createExecutionContext()
  worker.scheduled(createScheduledController({ cron: '*/15 * * * *' }), env, ctx)
  await waitOnExecutionContext(ctx)

  expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).not.toBeNull()
})
