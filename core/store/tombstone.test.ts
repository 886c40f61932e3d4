import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { sha256Hex, tombstoneKey } from './tombstone.ts'

describe('tombstone keys', () => {
  it('hash like node:crypto across block boundaries and UTF-8', () => {
    for (const text of [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'b'.repeat(64),
      'é漢🙂'.repeat(40),
    ]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'))
    }
  })

  it('keep the account in clear and the vendor id out', () => {
    const key = tombstoneKey('zendesk:acme:user:9000000123')
    expect(key.startsWith('zendesk:acme:user:#')).toBe(true)
    expect(key).not.toContain('9000000123')
  })
})
