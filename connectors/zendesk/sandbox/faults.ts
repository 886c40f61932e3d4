import { createRng } from './prng.ts'

/** Streams a malformed record can be injected into. */
export type FaultStream =
  'tickets' | 'users' | 'organizations' | 'satisfaction_ratings' | 'survey_responses'
/** `bad_id`: a non-numeric id; `missing_created_at`: no created_at; `not_an_object`: a bare string. */
export type MalformedKind = 'bad_id' | 'missing_created_at' | 'not_an_object'

/** Injected failures, consumed in order: scripted ones first, then the probability. */
export function createFaults(seed: number) {
  const rng = createRng(seed ^ 0x5eed)
  const queue: { status: number; retryAfter?: number }[] = []
  let probability = 0
  let probabilityStatus = 503
  const malformed = new Map<FaultStream, MalformedKind[]>()
  return {
    /** The next `count` requests answer `status` (500, 502, 503…). */
    failNext(count: number, status = 503): void {
      for (let i = 0; i < count; i++) queue.push({ status })
    },
    /** The next `count` requests answer 429 with `Retry-After: retryAfter`. */
    rateLimitStorm(count: number, retryAfter = 1): void {
      for (let i = 0; i < count; i++) queue.push({ status: 429, retryAfter })
    },
    /** Each request fails with `status` with probability `p` (seeded, so runs repeat). */
    setFailureProbability(p: number, status = 503): void {
      probability = p
      probabilityStatus = status
    },
    /** The next page served for `stream` carries one extra malformed record. */
    injectMalformed(stream: FaultStream, kind: MalformedKind = 'bad_id'): void {
      malformed.set(stream, [...(malformed.get(stream) ?? []), kind])
    },
    clear(): void {
      queue.length = 0
      probability = 0
      malformed.clear()
    },
    /** Internal: the fault for this request, if any. */
    next(): { status: number; retryAfter?: number } | null {
      const scripted = queue.shift()
      if (scripted) return scripted
      if (probability > 0 && rng.next() < probability) return { status: probabilityStatus }
      return null
    },
    /** Internal: takes the malformed record kinds waiting for `stream`. */
    takeMalformed(stream: FaultStream): MalformedKind[] {
      const kinds = malformed.get(stream) ?? []
      malformed.delete(stream)
      return kinds
    },
  }
}

export type Faults = ReturnType<typeof createFaults>

/** A broken copy of a real record (the real one still comes, so ground truth stays reachable). */
export function malformedRecord(
  kind: MalformedKind,
  sample: Record<string, unknown> | undefined,
): unknown {
  if (kind === 'not_an_object') return 'corrupted-record'
  const copy: Record<string, unknown> = { ...(sample ?? {}) }
  if (kind === 'bad_id') copy.id = `not-a-number-${String(copy.id ?? '')}`
  else delete copy.created_at
  return copy
}
