/**
 * How the alarm's derive shares the Durable Object with lookups. Everything the worker does for a
 * lookup (its directory and key checks, the lookup itself, the response) needs turns of the same
 * thread under workerd; a derive that only yields between batches still takes most turns. While
 * sidebars are reading (a lookup in the last `LOOKUP_ACTIVE_MS`), the derive rests `REST_FACTOR`
 * times as long as its last batch took, so it takes a quarter of the thread at most; the rest of the
 * time it runs flat out. Measured (bench workerd, 20k tickets, one run each): resting 1× the batch
 * gave lookups 2.0–2.9× idle p50, 2× gave 2.0×, 3× gave 1.9× with the re-derive only 7 % longer.
 */
export const LOOKUP_ACTIVE_MS = 2000
/** The least a derive rests between batches while lookups come in. */
export const MIN_REST_MS = 4
/** How many times its last batch's duration the derive rests while lookups come in. */
export const REST_FACTOR = 3

const lastLookup = new WeakMap<object, number>()

/** Marks the tenant (its store) as being looked at now. */
export function noteLookup(tenant: object, nowMs: number): void {
  lastLookup.set(tenant, nowMs)
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** The pause between derive batches (`derivePendingPaced`) for this tenant: resolves to its rest. */
export function derivePause(
  tenant: object,
  now: () => number,
  sleep: (ms: number) => Promise<void> = wait,
): (batchMs: number) => Promise<number> {
  return async (batchMs) => {
    const at = lastLookup.get(tenant)
    const active = at !== undefined && now() - at < LOOKUP_ACTIVE_MS
    const rest = active ? Math.max(MIN_REST_MS, Math.ceil(REST_FACTOR * batchMs)) : 0
    await sleep(rest)
    return rest
  }
}
