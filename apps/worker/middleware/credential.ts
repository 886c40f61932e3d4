import { CredentialError } from '../../../connectors/index.ts'
import { unauthorized } from '../problem.ts'

/** Runs a connector's credential check; a credential that does not verify becomes a 401 problem. */
export async function verifiedOr401<T>(check: () => T | Promise<T>): Promise<T> {
  try {
    return await check()
  } catch (error) {
    if (error instanceof CredentialError) throw unauthorized(error.message)
    throw error
  }
}
