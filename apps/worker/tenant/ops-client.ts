import { ProblemError, notFound } from '../problem.ts'
import { tenantStub } from './client.ts'
import type { OpsRefusal, OpsRequest, OpsResults } from './connection-ops.ts'

/** The tenant object's `ops` RPC, typed per operation (the stub's generic RPC typing loses it). */
interface OpsRpc {
  ops(request: OpsRequest): Promise<unknown>
}

/** Runs one operation on a tenant; a refusal becomes its problem (404, 409, 400). */
export async function tenantOps<R extends OpsRequest>(
  env: Env,
  tenantId: string,
  request: R,
): Promise<OpsResults[R['op']]> {
  const stub = tenantStub(env, tenantId) as unknown as OpsRpc
  const result = (await stub.ops(request)) as OpsResults[R['op']] | OpsRefusal
  if (result && typeof result === 'object' && 'refused' in result) {
    const connectionId = 'connectionId' in request ? request.connectionId : ''
    if (result.refused === 'not_found') throw notFound(`No connection ${connectionId}`)
    if (result.refused === 'lifecycle') {
      // `connection-uninstalled` / `connection-needs-reconnect`, with what to do as a member.
      throw new ProblemError(409, `${result.detail} ${result.action}`, {
        slug: `connection-${result.state.replace('_', '-')}`,
        extensions: { state: result.state, action: result.action, purgeAfter: result.purgeAfter },
      })
    }
    if (result.refused === 'paused') {
      throw new ProblemError(409, `Connection ${connectionId} is paused; resume it first`)
    }
    throw new ProblemError(400, `Invalid ${result.field}: ${result.message}`, {
      slug: 'validation',
      errors: [{ field: result.field, message: result.message }],
    })
  }
  return result
}
