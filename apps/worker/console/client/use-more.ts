import { useEffect, useState } from 'preact/hooks'

/**
 * A list's further pages, appended on demand after the first (which the caller reloads): dropped
 * when `resetKey` changes (a new filter), each item once by `idOf` when the list shifts meanwhile.
 */
export function useMorePages<T>(
  first: readonly T[],
  resetKey: string,
  idOf: (item: T) => string,
  load: (offset: number) => Promise<T[]>,
) {
  const [more, setMore] = useState<T[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => setMore([]), [resetKey])
  const seen = new Set<string>()
  const items = [...first, ...more].filter((item) => {
    const id = idOf(item)
    return !seen.has(id) && seen.add(id)
  })
  const showMore = () => {
    setBusy(true)
    load(items.length)
      .then((page) => {
        setMore((shown) => [...shown, ...page])
        setError(null)
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false))
  }
  return { items, busy, error, showMore }
}
