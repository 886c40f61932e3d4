import { useCallback, useEffect, useState } from 'react'
import { lookupCustomer, type CardRecord, type LookupResult } from './api.ts'

export type CardState = { kind: 'loading' } | LookupResult

/** Looks the record's customer up once per record, and again on `retry()`. */
export function useCustomerView(record: CardRecord): { state: CardState; retry: () => void } {
  const [attempt, setAttempt] = useState(0)
  const [state, setState] = useState<CardState>({ kind: 'loading' })
  const { objectId, objectTypeId } = record
  useEffect(() => {
    let current = true
    setState({ kind: 'loading' })
    void lookupCustomer({ objectId, objectTypeId }).then((result) => {
      if (current) setState(result)
    })
    return () => {
      current = false
    }
  }, [objectId, objectTypeId, attempt])
  const retry = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, retry }
}
