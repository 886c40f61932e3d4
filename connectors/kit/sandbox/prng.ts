/** A small seeded PRNG (mulberry32) for the vendor sandboxes: same seed, same data, on every machine. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  int(min: number, max: number): number
  chance(p: number): boolean
  pick<T>(items: readonly T[]): T
  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => items[Math.floor(next() * items.length)] as (typeof items)[number],
    weighted: (entries) => {
      let total = 0
      for (const [, w] of entries) total += w
      let roll = next() * total
      for (const [value, w] of entries) {
        roll -= w
        if (roll < 0) return value
      }
      return (entries[entries.length - 1] as readonly [never, number])[0]
    },
  }
}
