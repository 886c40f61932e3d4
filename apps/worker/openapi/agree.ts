/**
 * Compile-time guard that a documented zod schema and the TypeScript type the code returns describe
 * the same value: `agree<z.output<typeof X>, X>(true)` stops compiling as soon as either drifts.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false

export function agree<A, B>(_same: Same<A, B>): void {}
