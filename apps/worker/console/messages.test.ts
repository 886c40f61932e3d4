import { describe, expect, it } from 'vitest'
import { format, MESSAGES, pickLocale } from './messages.ts'

describe('pickLocale', () => {
  it('takes ?lang= over the cookie over Accept-Language', () => {
    expect(pickLocale('fr', 'en', 'en-US')).toBe('fr')
    expect(pickLocale(undefined, 'fr', 'en-US')).toBe('fr')
    expect(pickLocale('de', undefined, 'fr-CA,fr;q=0.9')).toBe('fr')
  })

  it('ranks Accept-Language by q, skipping languages the console lacks', () => {
    expect(pickLocale(undefined, undefined, 'de-DE,de;q=0.9,fr;q=0.8,en;q=0.7')).toBe('fr')
    expect(pickLocale(undefined, undefined, 'en;q=0.5,fr;q=0.9')).toBe('fr')
    expect(pickLocale(undefined, undefined, 'fr;q=0,en')).toBe('en')
    expect(pickLocale(undefined, undefined, 'ja')).toBe('en')
    expect(pickLocale(undefined, undefined, undefined)).toBe('en')
  })
})

describe('messages', () => {
  it('has every English text in French, none left empty', () => {
    expect(Object.keys(MESSAGES.fr).sort()).toEqual(Object.keys(MESSAGES.en).sort())
    for (const text of Object.values(MESSAGES.fr)) expect(text.trim()).not.toBe('')
  })

  it('fills placeholders', () => {
    expect(format(MESSAGES.fr.every, { n: 15 })).toBe('toutes les 15 min')
  })
})
