/**
 * A vendor credential (signature, JWT) that does not verify. The message names what is wrong and
 * is safe to show the caller; the worker answers it as a 401 problem.
 */
export class CredentialError extends Error {
  override name = 'CredentialError'
}

/** A signed request as the signature checks see it: no framework, only what was signed. */
export interface SignedRequest {
  method: string
  /** The URL the vendor signed (the public origin when a proxy changed ours). */
  url: string
  body: Uint8Array<ArrayBuffer>
  header: (name: string) => string | undefined
}

/** A vendor timestamp `ageMs` old is inside the accepted window, else a CredentialError. */
export function checkTimestampAge(
  ageMs: number,
  window: { maxAgeMs: number; maxFutureSkewMs: number },
  headerName: string,
): void {
  if (ageMs > window.maxAgeMs || ageMs < -window.maxFutureSkewMs) {
    throw new CredentialError(`${headerName} is outside the accepted window`)
  }
}
