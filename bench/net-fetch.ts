/** A network failure the HTTP client retried (the sandbox never saw that request). */
export interface NetworkError {
  phase: string
  /** Time since the previous response: a long one points at a closed keep-alive connection. */
  idleMs: number
  cause: string
}

/** Node's fetch, recording network failures with the phase and the idle gap before each. */
export function recordingFetch() {
  const errors: NetworkError[] = []
  let phase = 'setup'
  let lastResponseAt = performance.now()
  const fetchFn: typeof fetch = async (input, init) => {
    const idleMs = performance.now() - lastResponseAt
    try {
      return await fetch(input, init)
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause
      errors.push({
        phase,
        idleMs: Math.round(idleMs),
        cause: `${cause?.code ?? ''} ${cause?.message ?? String(error)}`.trim().slice(0, 120),
      })
      throw error
    } finally {
      lastResponseAt = performance.now()
    }
  }
  return {
    fetch: fetchFn,
    errors,
    setPhase: (name: string) => {
      phase = name
    },
  }
}
