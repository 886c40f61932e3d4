import { describe, expect, it } from 'vitest'
import { languageOf } from './language.ts'
import { themesOf } from './themes.ts'

const themes = (comment: string) => themesOf(comment).themes

describe('themesOf', () => {
  it('tags English and French comments with the same themes', () => {
    expect(themes('Charged twice, unacceptable')).toEqual(['billing'])
    expect(themes('Facturé deux fois, inacceptable')).toEqual(['billing'])
    expect(themes('Three follow-ups, no answer…')).toEqual(['support_wait'])
    expect(themes('Trois relances sans réponse…')).toEqual(['support_wait'])
    expect(themes('My parcel was never delivered')).toEqual(['delivery'])
    expect(themes('Livraison en retard, colis abîmé')).toEqual(['delivery'])
    expect(themes('Good but a bit pricey')).toEqual(['pricing'])
    expect(themes('Bien mais un peu cher')).toEqual(['pricing'])
    expect(themes('I will cancel my subscription')).toEqual(['cancellation'])
    expect(themes('Je vais résilier mon abonnement')).toEqual(['cancellation'])
    expect(themes('The app keeps crashing')).toEqual(['product_bug'])
    expect(themes("L'application plante tout le temps")).toEqual(['product_bug'])
    expect(themes('Issue not fixed at all.')).toEqual(['unresolved'])
    expect(themes("Toujours pas résolu, c'est inadmissible.")).toEqual(['unresolved'])
  })

  it('folds accents and case: RÉSILIATION, resiliation and Résiliation are one word', () => {
    for (const comment of ['RÉSILIATION immédiate', 'resiliation immediate', 'Résiliation !']) {
      expect(themes(comment)).toEqual(['cancellation'])
    }
    expect(themes('INVOICE WRONG AGAIN')).toEqual(['billing', 'unresolved'])
  })

  it('matches whole words only', () => {
    expect(themes('Mon billet de train')).toEqual([]) // billet is not bill
    expect(themes('A costume for the show')).toEqual([]) // nor cost
    expect(themes('The billboard is nice')).toEqual([])
  })

  it('reads each language with its own words: French “prise en charge” is no charge', () => {
    expect(themes('Aucune prise en charge de mon dossier, très déçu')).toEqual([])
    expect(themes('They charge me every month for nothing')).toEqual(['billing'])
    expect(themes('Cher client, votre dossier est clos')).toEqual([]) // a greeting, not a price
    expect(themes('Beaucoup trop cher pour ce que c’est')).toEqual(['pricing'])
  })

  it('finds several themes in one comment, in a fixed order', () => {
    expect(themes('Waited 3 weeks for my refund and the app still crashes')).toEqual([
      'billing',
      'support_wait',
      'product_bug',
    ])
  })

  it('says which language it read, and tries both when unclear', () => {
    expect(themesOf('Nobody answered for a week.').language).toBe('en')
    expect(themesOf('Très déçu du suivi').language).toBe('fr')
    expect(languageOf('Bug!')).toBeNull()
    expect(themes('Bug!')).toEqual(['product_bug'])
    expect(themes('Colis!')).toEqual(['delivery'])
  })
})
