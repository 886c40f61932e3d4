import { useCallback, useEffect, useRef, useState } from 'preact/hooks'

export interface Polled<T> {
  data: T | null
  error: string | null
  reload: () => void
}

/**
 * Loads now and again every `intervalMs` (the interval may change between renders: faster while a
 * run is live). A failed load keeps the last data and shows the error.
 */
export function usePoll<T>(load: () => Promise<T>, intervalMs: number, key: string): Polled<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => setData(null), [key])

  useEffect(() => {
    let cancelled = false
    loadRef
      .current()
      .then((value) => {
        if (cancelled) return
        setData(value)
        setError(null)
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e))
      })
    const timer = setTimeout(() => setTick((n) => n + 1), intervalMs)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [key, tick, intervalMs])

  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { data, error, reload }
}
