import { describe, expect, it } from 'vitest'
import {
  constantTimeEqual,
  firstSigningSecret,
  fromBase64,
  verifyHmacBase64,
  verifySha256Hex,
} from './hmac.ts'
import { bytes, hmacBase64, sha256Hex } from './signing.fixtures.ts'

describe('connectors/kit hmac', () => {
  it('verifies base64 HMAC-SHA256 and refuses another secret, message or garbage', async () => {
    const mac = await hmacBase64('s3cret', 'hello')
    expect(await verifyHmacBase64('s3cret', bytes('hello'), mac)).toBe(true)
    expect(await verifyHmacBase64('other', bytes('hello'), mac)).toBe(false)
    expect(await verifyHmacBase64('s3cret', bytes('hello!'), mac)).toBe(false)
    expect(await verifyHmacBase64('s3cret', bytes('hello'), 'not base64!')).toBe(false)
  })

  it('verifies hex SHA-256 whatever its case', async () => {
    const hex = await sha256Hex('secretbody')
    expect(await verifySha256Hex(bytes('secretbody'), hex.toUpperCase())).toBe(true)
    expect(await verifySha256Hex(bytes('secretbody2'), hex)).toBe(false)
  })

  it('compares strings of any length', async () => {
    expect(await constantTimeEqual('abc', 'abc')).toBe(true)
    expect(await constantTimeEqual('abc', 'abd')).toBe(false)
    expect(await constantTimeEqual('abc', 'abcd')).toBe(false)
  })

  it('reads strict base64 only', () => {
    expect(fromBase64('aGk=')).toEqual(bytes('hi'))
    expect(fromBase64('a-b_')).toBeNull()
  })

  it('names the secret that signed, trying every one', async () => {
    const tried: string[] = []
    const found = await firstSigningSecret(['a', 'b', 'c'], async (s) => {
      tried.push(s)
      return s === 'b'
    })
    expect(found).toBe('b')
    expect(tried).toEqual(['a', 'b', 'c'])
    expect(await firstSigningSecret(['a'], async () => false)).toBeNull()
  })
})
