import { describe, expect, it } from 'vitest'
import { frictionReason } from './friction-reason.ts'
import { en } from './messages/en.ts'
import { fr } from './messages/fr.ts'
import { relativeTime } from './relative-time.ts'
import { createTranslator, placeholders, resolveLocale } from './translator.ts'

describe('translations', () => {
  it('have the same keys and the same placeholders in English and French', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort())
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(fr[key]).sort(), key).toEqual(placeholders(en[key]).sort())
    }
  })

  it('resolve an agent locale to a supported language', () => {
    expect(resolveLocale('fr-CA')).toBe('fr')
    expect(resolveLocale('fr_FR')).toBe('fr')
    expect(resolveLocale('en-GB')).toBe('en')
    expect(resolveLocale('pt-BR')).toBe('en')
    expect(resolveLocale(undefined)).toBe('en')
  })

  it('pick the plural form of the language', () => {
    const t = createTranslator('en').t
    expect(t('csat.count', { count: 1 })).toBe('1 rating')
    expect(t('csat.count', { count: 3 })).toBe('3 ratings')
    // French counts 0 and 1 as singular.
    expect(createTranslator('fr').t('csat.count', { count: 0 })).toBe('0 note')
  })

  it('format numbers the local way', () => {
    expect(createTranslator('fr').t('duration.hours', { hours: 12.5 })).toBe('12,5 h')
  })
})

describe('relativeTime', () => {
  const now = Date.parse('2026-11-25T12:00:00Z')
  it('uses the largest whole unit', () => {
    expect(relativeTime('2026-11-22T12:00:00Z', now, 'en')).toBe('3 days ago')
    expect(relativeTime('2026-11-22T12:00:00Z', now, 'fr')).toBe('il y a 3 jours')
    expect(relativeTime('2026-11-25T09:00:00Z', now, 'en')).toBe('3 hours ago')
    expect(relativeTime('2026-11-25T11:59:50Z', now, 'en')).toBe('now')
    expect(relativeTime('2025-10-01T12:00:00Z', now, 'fr')).toBe('l’année dernière')
  })
})

describe('frictionReason', () => {
  it('derives hours from minutes given by a rule', () => {
    const point = { kind: 'slow_first_reply' as const, params: { minutes: 630 }, reason: 'x' }
    expect(frictionReason(createTranslator('en'), point)).toBe('First reply took 10.5 h')
  })

  it('says long waits in days', () => {
    const point = { kind: 'waiting_too_long' as const, params: { hours: 2419 }, reason: 'x' }
    expect(frictionReason(createTranslator('en'), point)).toBe(
      'Has been waiting on us for 101 days on an open ticket',
    )
    expect(frictionReason(createTranslator('fr'), { ...point, params: { hours: 47 } })).toBe(
      'Attend notre réponse depuis 47 h sur un ticket ouvert',
    )
  })

  it('says a chain of contacts with its own span, pluralised', () => {
    const repeat = {
      kind: 'repeat_contact' as const,
      params: { contacts: 5, count: 5, days: 15, windowDays: 7 },
      reason: 'x',
    }
    expect(frictionReason(createTranslator('en'), repeat)).toBe(
      '5 contacts on the same topic within 15 days',
    )
    const sameDay = { ...repeat, params: { ...repeat.params, contacts: 2, days: 0 } }
    expect(frictionReason(createTranslator('fr'), sameDay)).toBe(
      '2 contacts sur le même sujet en 1 jour',
    )
    const hop = {
      kind: 'channel_hopping' as const,
      params: { contacts: 4, channels: 'email,chat,phone', channelCount: 3, tools: 1, days: 9 },
      reason: 'x',
    }
    expect(frictionReason(createTranslator('en'), hop)).toBe(
      '4 contacts on the same issue through 3 channels in 9 days',
    )
  })

  it('says when a first reply has not come yet', () => {
    const point = {
      kind: 'slow_first_reply' as const,
      params: { minutes: 600, replied: 0 },
      reason: 'x',
    }
    expect(frictionReason(createTranslator('fr'), point)).toBe('Toujours sans réponse après 10 h')
  })

  it('names the escalation tag, or the urgent priority', () => {
    const tr = createTranslator('en')
    const tagged = {
      kind: 'escalation' as const,
      params: { tag: 'escalated', priority: '' },
      reason: 'x',
    }
    const urgent = {
      kind: 'escalation' as const,
      params: { tag: '', priority: 'urgent' },
      reason: 'x',
    }
    expect(frictionReason(tr, tagged)).toBe('A ticket was escalated (tag “escalated”)')
    expect(frictionReason(tr, urgent)).toBe('A ticket is at urgent priority')
  })

  it('uses the repeat-contact window and count', () => {
    const point = {
      kind: 'repeat_contact' as const,
      params: { contacts: 3, gapDays: 2, windowDays: 7 },
      reason: 'x',
    }
    expect(frictionReason(createTranslator('fr'), point)).toBe(
      '3 contacts sur le même sujet en 7 jours',
    )
  })

  it('counts a comma-separated channel list', () => {
    const point = {
      kind: 'channel_hopping' as const,
      params: { channels: 'email,chat,phone' },
      reason: 'x',
    }
    expect(frictionReason(createTranslator('fr'), point)).toBe(
      'A utilisé 3 canaux pour le même problème',
    )
  })

  it('keeps the rule’s English line, or a generic French one, when params are missing', () => {
    const point = {
      kind: 'reopened_ticket' as const,
      params: {},
      reason: 'Ticket #4 reopened twice',
    }
    expect(frictionReason(createTranslator('en'), point)).toBe('Ticket #4 reopened twice')
    expect(frictionReason(createTranslator('fr'), point)).toBe(
      'Un ticket a été rouvert après sa résolution',
    )
  })
})
