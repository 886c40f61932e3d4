import { describe, expect, it } from 'vitest'
import { normalisePhone } from './normalise-phone.ts'

describe('normalisePhone', () => {
  it('writes international numbers as + and digits', () => {
    expect(normalisePhone('+33 6 12 34 56 78')).toBe('+33612345678')
    expect(normalisePhone('0033 6 12 34 56 78')).toBe('+33612345678')
    expect(normalisePhone('+33 (0)6 12 34 56 78')).toBe('+33612345678')
    expect(normalisePhone('+33 06 12 34 56 78')).toBe('+33612345678')
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958')
    expect(normalisePhone('+1 (415) 555-0100 ext. 12')).toBe('+14155550100')
    expect(normalisePhone('(+33) 6-11-44-12-58')).toBe('+33611441258')
    expect(normalisePhone('(0033) 6 11 44 12 58')).toBe('+33611441258')
  })

  it('turns a national number international only with a default country of that shape', () => {
    expect(normalisePhone('06 12 34 56 78', 'FR')).toBe('+33612345678')
    expect(normalisePhone('06.12.34.56.78', null)).toBe('0612345678')
    expect(normalisePhone('06 12 34 56 78')).toBe('0612345678')
    // 11 digits is not a French national number: left alone rather than guessed.
    expect(normalisePhone('07700 900123', 'FR')).toBe('07700900123')
    expect(normalisePhone('07700 900123', 'GB')).toBe('+447700900123')
  })

  it('gives nothing below 8 digits or for text', () => {
    expect(normalisePhone('1234567')).toBeNull()
    expect(normalisePhone('12345678')).toBe('12345678')
    expect(normalisePhone('+33 1234')).toBeNull()
    expect(normalisePhone('call me')).toBeNull()
    expect(normalisePhone('')).toBeNull()
  })
})
