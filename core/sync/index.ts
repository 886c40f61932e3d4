export * from './types.ts'
export * from './errors.ts'
export {
  createHttpClient,
  type CountingHttpClient,
  type HttpClientOptions,
  type HttpStats,
} from './http.ts'
export { createRateBudget, type Clock, type RateBudget } from './rate-budget.ts'
export { runSlice, type RunSliceInput, type SliceOptions, type SliceResult } from './run-slice.ts'
export {
  DERIVE_MAX_PEOPLE,
  derivePendingSlice,
  rederive,
  type DeriveBounds,
  type DeriveOptions,
  type DeriveSlice,
} from './derive.ts'
