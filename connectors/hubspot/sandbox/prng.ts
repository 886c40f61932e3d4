/** The PRNG is shared by every sandbox (same seed, same portal); the hash is HubSpot's own. */
export { createRng, type Rng } from '../../kit/sandbox/prng.ts'

/** A stable 32-bit hash of a string (FNV-1a), for orders that must look arbitrary yet repeat. */
export function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}
