import type { TenantStore } from '../core/store/index.ts'

/**
 * Workaround, bench only: without table statistics SQLite plans the derive reads
 * (`loadTicketsOf`, `loadResponsesOf` in core/store/customers.ts) on the `records_kind` index, a
 * scan of every ticket per derived customer, so a backfill is quadratic in tickets. `ANALYZE`
 * after pages 1, 2, 4, 8… (a dozen times in a 100k backfill) lets it pick `records_requester`.
 * Returns a store whose `writePage` does that, and how many times it ran.
 */
export function analyzingStore(store: TenantStore) {
  let pages = 0
  let next = 1
  let runs = 0
  let ms = 0
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'writePage') return Reflect.get(target, property, receiver)
      return (input: Parameters<TenantStore['writePage']>[0]) => {
        const result = target.writePage(input)
        if (++pages === next) {
          next *= 2
          const started = performance.now()
          target.sql.run('ANALYZE')
          ms += performance.now() - started
          runs++
        }
        return result
      }
    },
  })
  return { store: proxy, stats: () => ({ runs, ms }) }
}
