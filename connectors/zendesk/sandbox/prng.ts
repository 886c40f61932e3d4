/** ULIDs for the Zendesk sandbox; the PRNG is shared by every sandbox. */
import type { Rng } from '../../kit/sandbox/prng.ts'

export { createRng, type Rng } from '../../kit/sandbox/prng.ts'

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

/** A ULID (26 chars, Crockford base32): 48-bit ms time then 80 random bits, sortable by time. */
export function ulid(timeMs: number, rng: Rng): string {
  let time = ''
  let t = Math.floor(timeMs)
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time
    t = Math.floor(t / 32)
  }
  let random = ''
  for (let i = 0; i < 16; i++) random += CROCKFORD[Math.floor(rng.next() * 32)]
  return time + random
}

/** The creation time (ms) a ULID carries. */
export function ulidTime(id: string): number {
  let t = 0
  for (let i = 0; i < 10; i++) t = t * 32 + CROCKFORD.indexOf(id[i] ?? '0')
  return t
}
