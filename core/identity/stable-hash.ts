const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n
const MASK_64 = 0xffffffffffffffffn

/** FNV-1a, 64 bits, over the UTF-8 bytes: a fixed function, so ids survive code and runtime changes. */
export function fnv1a64(text: string): bigint {
  let hash = FNV_OFFSET
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte)
    hash = (hash * FNV_PRIME) & MASK_64
  }
  return hash
}

/** 64 bits in base 36 is at most 13 characters; padding keeps every id the same length. */
export function base36Of64(value: bigint): string {
  return value.toString(36).padStart(13, '0')
}
