import { runDurableObjectAlarm } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { tenantStub } from '../../apps/worker/tenant/client.ts'
import type { ConnectionState } from '../../apps/worker/tenant/rpc-types.ts'

/**
 * Drives a tenant's alarm until the connection's last slice reached the end of every stream. The
 * runtime may also fire the alarm by itself; either way the slices run one at a time in the object.
 */
export async function syncToCompletion(
  tenantId: string,
  connectionId: string,
  maxRounds = 200,
): Promise<ConnectionState & { slices: number }> {
  const stub = tenantStub(env, tenantId)
  const seen = new Set<string>()
  for (let round = 0; round < maxRounds; round++) {
    await runDurableObjectAlarm(stub)
    const state = await stub.getConnectionState(connectionId)
    if (!state) throw new Error(`no connection ${connectionId}`)
    if (state.lastSlice?.error) throw new Error(`slice failed: ${state.lastSlice.error}`)
    if (state.lastSlice) seen.add(state.lastSlice.at + '/' + state.lastSlice.requests)
    if (state.lastSlice?.done) return { ...state, slices: seen.size }
    await scheduler.wait(10)
  }
  throw new Error(`sync of ${connectionId} did not finish in ${maxRounds} rounds`)
}
