import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { MapError } from '../../../core/sync/types.ts'
import { parseRaw, safeParseOnce } from './refs.ts'

describe('safeParseOnce', () => {
  it('parses one raw object once per schema, and each object and schema apart', () => {
    const schema = z.object({ id: z.number() })
    const other = z.object({ id: z.number(), name: z.string().optional() })
    const spy = vi.spyOn(schema, 'safeParse')
    const raw = { id: 1 }
    const first = safeParseOnce(schema, raw)
    expect(safeParseOnce(schema, raw)).toBe(first)
    expect(parseRaw(schema, raw, 'thing')).toEqual({ id: 1 })
    expect(spy).toHaveBeenCalledTimes(1)
    expect(safeParseOnce(schema, { id: 1 })).not.toBe(first)
    expect(spy).toHaveBeenCalledTimes(2)
    expect(safeParseOnce(other, raw)).not.toBe(first)
  })

  it('still fails a bad item with a MapError every time', () => {
    const schema = z.object({ id: z.number() })
    const raw = { id: 'x' }
    expect(() => parseRaw(schema, raw, 'thing')).toThrow(MapError)
    expect(() => parseRaw(schema, raw, 'thing')).toThrow(/invalid thing: id/)
    expect(safeParseOnce(schema, null).success).toBe(false)
  })
})
