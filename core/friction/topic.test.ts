import { describe, expect, it } from 'vitest'
import { ticket } from './records.fixtures.ts'
import { sameTopic, topicMatcher, topicTokens } from './topic.ts'

const about = (subject: string, tags: string[] = []) => ticket(subject, { subject, tags })

describe('topicTokens', () => {
  it('folds accents and case, drops stop words and short words, stems to 6 letters', () => {
    expect([...topicTokens('RE: Problème avec mes Factures de décembre')]).toEqual([
      'factur',
      'decemb',
    ])
    expect([...topicTokens('Hi, I need help with my order #45219876')]).toEqual([
      'order',
      '45219876',
    ])
    expect([...topicTokens('Colis non reçus')]).toEqual(['coli'])
  })
})

describe('sameTopic', () => {
  it('matches subjects sharing at least half of the shorter one’s words', () => {
    expect(sameTopic(about('Facture en double'), about('Problème de facturation'))).toBe(true)
    expect(sameTopic(about('Invoice missing'), about('Wrong amount on my invoices'))).toBe(true)
    expect(sameTopic(about('Order 4521 not delivered'), about('Where is order 4521'))).toBe(true)
    expect(sameTopic(about('Refund request'), about('Still waiting for my refund'))).toBe(true)
  })

  it('does not match unrelated or empty subjects', () => {
    expect(sameTopic(about('Password reset'), about('Invoice missing'))).toBe(false)
    expect(sameTopic(about('Colis non reçu'), about('Code de vérification non reçu'))).toBe(false)
    expect(sameTopic(about('Parcel not received'), about('Code never received'))).toBe(false)
    expect(sameTopic(about('Help!'), about('Help please'))).toBe(false)
    expect(sameTopic(about('Delivery late parcel lost box'), about('Parcel refund'))).toBe(true)
    expect(sameTopic(about('Delivery late parcel lost box'), about('Refund card bank'))).toBe(false)
  })

  it('matches a shared topic tag, not a language, channel or state tag', () => {
    expect(
      sameTopic(
        about('Colis non reçu', ['delivery', 'fr']),
        about('Où est ma commande ?', ['delivery']),
      ),
    ).toBe(true)
    expect(sameTopic(about('A', ['category_billing']), about('B', ['Category_Billing']))).toBe(true)
    for (const tag of ['fr', 'en-gb', 'web_widget', 'reopened', 'vip', 'escalation']) {
      expect(
        sameTopic(about('Colis non reçu', [tag]), about('Mot de passe oublié', [tag])),
        tag,
      ).toBe(false)
    }
  })

  it('ignores a tag on every one of the customer’s tickets, and the tenant’s escalation tags', () => {
    const history = [
      about('Colis non reçu', ['premium', 'delivery']),
      about('Mot de passe oublié', ['premium', 'login']),
      about('Où est ma commande ?', ['premium', 'delivery', 'tier3']),
    ]
    const [parcel, password, order] = history as [
      ReturnType<typeof about>,
      ReturnType<typeof about>,
      ReturnType<typeof about>,
    ]
    const same = topicMatcher(history)
    expect(same(parcel, password)).toBe(false)
    expect(same(parcel, order)).toBe(true)
    const withTier3 = [...history, about('Compte bloqué', ['premium', 'tier3'])]
    expect(topicMatcher(withTier3)(order, withTier3[3]!)).toBe(true)
    expect(topicMatcher(withTier3, { ignoreTags: ['Tier3'] })(order, withTier3[3]!)).toBe(false)
  })
})
