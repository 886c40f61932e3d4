import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { expect, it } from 'vitest'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import { admin, createTenant } from './http.ts'
import { routeOutbound } from './outbound.ts'

const RECEIVER = 'https://alerts-held.test'

type Logged = { id: string; status: string; deliveries: { status: string; attempts: number }[] }

// A delivery pass takes 20 alerts. Alerts that wait (held for a reconnect, or backing off) stay
// pending at the front of the outbox: the pass must look past them to what is due.
it('a new alert goes out while more than a pass of older ones wait for their retry', async () => {
  let answer = 503
  const received: string[] = []
  routeOutbound(RECEIVER, async (request) => {
    if (answer === 200) received.push(JSON.parse(await request.text()).id as string)
    return new Response(null, { status: answer })
  })
  const { tenantId } = await createTenant('Held alerts')
  const put = await admin('PUT', `/admin/tenants/${tenantId}/alerts/rules`, {
    webhook: { url: `${RECEIVER}/${tenantId}` },
  })
  expect(put.status, put.text).toBe(200)
  const stub = tenantStub(env, tenantId)
  for (let i = 0; i < 25; i++) {
    expect((await admin('POST', `/admin/tenants/${tenantId}/alerts/test`)).status).toBe(202)
  }
  // Every one tried once and refused: each waits its backoff now.
  await runDurableObjectAlarm(stub)
  await runDurableObjectAlarm(stub)
  const log = async () =>
    (
      (await admin('GET', `/admin/tenants/${tenantId}/alerts?limit=100`)).json as {
        alerts: Logged[]
      }
    ).alerts
  const waiting = await log()
  expect(waiting).toHaveLength(25)
  expect(waiting.every((a) => a.status === 'pending' && a.deliveries[0]!.attempts === 1)).toBe(true)

  answer = 200
  const fresh = (await admin('POST', `/admin/tenants/${tenantId}/alerts/test`)).json as {
    id: string
  }
  await runDurableObjectAlarm(stub)
  expect(received).toEqual([fresh.id])
  expect((await log()).find((a) => a.id === fresh.id)).toMatchObject({ status: 'delivered' })
})
