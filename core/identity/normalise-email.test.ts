import { describe, expect, it } from 'vitest'
import { normaliseEmail } from './normalise-email.ts'

describe('normaliseEmail', () => {
  it('trims, lowercases and unwraps angle brackets and display names', () => {
    expect(normaliseEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com')
    expect(normaliseEmail('<jane@example.com>')).toBe('jane@example.com')
    expect(normaliseEmail('Jane Doe < Jane@Example.com >')).toBe('jane@example.com')
    expect(normaliseEmail('mailto:jane@example.com')).toBe('jane@example.com')
  })

  it('keeps dots and plus tags: they can tell two people apart', () => {
    expect(normaliseEmail('j.ane+billing@gmail.com')).toBe('j.ane+billing@gmail.com')
    expect(normaliseEmail('team+alice@x.fr')).not.toBe(normaliseEmail('team+bob@x.fr'))
  })

  it('rejects text that is not an address', () => {
    for (const bad of [
      '',
      '   ',
      'jane',
      '@x.com',
      'jane@',
      'jane@localhost',
      'a@b@c.com',
      'ja ne@x.com',
    ]) {
      expect(normaliseEmail(bad), bad).toBeNull()
    }
  })
})
