import { ResponseInput, rowErrors, type RejectedRow } from './response-input.ts'

/** Rows (JSON shape) → the valid ones with their 1-based position, and every rejection. */
export function validateRows(rows: readonly unknown[]) {
  const rejected: RejectedRow[] = []
  const valid: { row: number; input: ResponseInput }[] = []
  const firstRowOf = new Map<string, number>()
  rows.forEach((raw, index) => {
    const row = index + 1
    const parsed = ResponseInput.safeParse(raw)
    if (!parsed.success) return rejected.push(...rowErrors(row, parsed.error))
    const first = firstRowOf.get(parsed.data.id)
    if (first !== undefined) {
      return rejected.push({ row, field: 'id', reason: `repeats the id of row ${first}` })
    }
    firstRowOf.set(parsed.data.id, row)
    valid.push({ row, input: parsed.data })
  })
  return { valid, rejected }
}
