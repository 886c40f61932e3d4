import { describe, expect, it } from 'vitest'
import {
  constantTimeEqual,
  decryptSecret,
  encryptSecret,
  fromBase64,
  importSecretKey,
  SecretKeyError,
  toBase64Url,
} from './crypto.ts'

const KEY = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='

describe('secret box', () => {
  it('round-trips and never repeats a ciphertext', async () => {
    const key = await importSecretKey(KEY)
    const a = await encryptSecret(key, 'token-ü', 'ctx')
    const b = await encryptSecret(key, 'token-ü', 'ctx')
    expect(a).not.toBe(b)
    expect(a).not.toContain('token')
    expect(await decryptSecret(key, a, 'ctx')).toBe('token-ü')
  })

  it('rejects a tampered blob, another context and another key', async () => {
    const key = await importSecretKey(KEY)
    const blob = await encryptSecret(key, 'secret', 'ctx')
    const [v, iv, sealed] = blob.split('.') as [string, string, string]
    const flipped = sealed.slice(0, -2) + (sealed.at(-2) === 'A' ? 'B' : 'A') + sealed.at(-1)
    await expect(decryptSecret(key, `${v}.${iv}.${flipped}`, 'ctx')).rejects.toThrow()
    await expect(decryptSecret(key, blob, 'other')).rejects.toThrow()
    const otherKey = await importSecretKey(toBase64Url(new Uint8Array(32).fill(7)))
    await expect(decryptSecret(otherKey, blob, 'ctx')).rejects.toThrow()
    await expect(decryptSecret(key, `v9.${iv}.${sealed}`, 'ctx')).rejects.toThrow(SecretKeyError)
  })

  it('refuses a missing or short key', async () => {
    await expect(importSecretKey(undefined)).rejects.toThrow(SecretKeyError)
    await expect(importSecretKey(toBase64Url(new Uint8Array(16)))).rejects.toThrow('32 bytes')
  })
})

describe('constantTimeEqual', () => {
  it('compares whole strings of any length', async () => {
    expect(await constantTimeEqual('abc', 'abc')).toBe(true)
    expect(await constantTimeEqual('abc', 'abd')).toBe(false)
    expect(await constantTimeEqual('abc', 'abcd')).toBe(false)
    expect(await constantTimeEqual('', '')).toBe(true)
  })
})

it('base64 helpers accept both alphabets', () => {
  const bytes = new Uint8Array([251, 255, 191, 0, 1])
  expect([...fromBase64(toBase64Url(bytes))]).toEqual([...bytes])
  expect([...fromBase64(btoa(String.fromCharCode(...bytes)))]).toEqual([...bytes])
})
