import type { VerbatimTheme } from '../model/index.ts'
import { words } from './fold.ts'
import { languageOf, type Language } from './language.ts'

/**
 * Keywords per theme and language, written folded (no accents, lower case). A keyword is one or
 * more whole words; a trailing `*` on a word matches any ending (`factur*`: facture, facturé,
 * facturation). Each language has its own list because words cross over with other meanings:
 * French `prise en charge` is handling, not a charge; French `cher client` is a greeting.
 */
const KEYWORDS: Record<VerbatimTheme, Record<Language, readonly string[]>> = {
  billing: {
    en: [
      'bill',
      'bills',
      'billed',
      'billing',
      'invoice*',
      'charged',
      'charge me',
      'overcharged',
      'payment*',
      'refund*',
      'receipt*',
      'debited',
    ],
    fr: ['factur*', 'paiement*', 'prelevement*', 'preleve*', 'rembours*', 'debite', 'debitee'],
  },
  delivery: {
    en: [
      'deliver*',
      'shipping',
      'shipped',
      'shipment*',
      'parcel*',
      'package*',
      'courier',
      'tracking',
    ],
    fr: [
      'livraison*',
      'livreur*',
      'livree',
      'pas livre',
      'jamais livre',
      'colis',
      'expedi*',
      'transporteur*',
      'numero de suivi',
      'suivi de colis',
      'commande pas recue',
    ],
  },
  support_wait: {
    en: [
      'wait*',
      'no answer',
      'no reply',
      'no response',
      'nobody answer*',
      'nobody replied',
      'follow up',
      'follow ups',
      'slow to',
      'slow response*',
      'slow repl*',
      'took too long',
      'too long',
      'days later',
      'chased',
      'chasing',
    ],
    fr: [
      'attente',
      'attend*',
      'sans reponse',
      'pas de reponse',
      'aucune reponse',
      'personne ne repond',
      'relance*',
      'delai*',
      'trop long',
      'lent',
      'lente',
      'lenteur*',
    ],
  },
  product_bug: {
    en: [
      'bug',
      'bugs',
      'buggy',
      'crash*',
      'error*',
      'broken',
      'not working',
      'doesn t work',
      'does not work',
      'glitch*',
      'freez*',
      'stuck',
    ],
    fr: [
      'bug',
      'bugs',
      'bogue*',
      'plante',
      'plantee',
      'plantage*',
      'plantent',
      'erreur*',
      'panne*',
      'ne marche pas',
      'ne fonctionne pas',
      'casse',
      'cassee',
      'bloque*',
    ],
  },
  pricing: {
    en: [
      'price*',
      'pricing',
      'pricey',
      'expensive',
      'overpriced',
      'cost',
      'costs',
      'costly',
      'cheaper',
      'too much money',
    ],
    fr: [
      'prix',
      'tarif*',
      'trop cher',
      'peu cher',
      'plus cher',
      'tres cher',
      'si cher',
      'assez cher',
      'couteux',
      'augmentation*',
    ],
  },
  cancellation: {
    en: [
      'cancel*',
      'unsubscrib*',
      'close my account',
      'leaving',
      'switch to',
      'switching to',
      'terminate*',
    ],
    fr: [
      'resili*',
      'annul*',
      'desabonn*',
      'desinscri*',
      'fermer mon compte',
      'je pars',
      'quitter',
      'changer de fournisseur',
    ],
  },
  unresolved: {
    en: [
      'not fixed',
      'not resolved',
      'unresolved',
      'still not',
      'still broken',
      'never fixed',
      'same problem',
      'again',
    ],
    fr: ['pas resolu', 'non resolu', 'toujours pas', 'jamais resolu', 'meme probleme', 'encore'],
  },
  account_access: {
    en: [
      'log in',
      'login',
      'sign in',
      'password*',
      'locked out',
      'account locked',
      'verification code',
    ],
    fr: [
      'connecter',
      'connexion',
      'mot de passe',
      'compte bloque',
      'code de verification',
      'identifiant*',
    ],
  },
}

type Matcher = (tokens: readonly string[]) => boolean

function matcher(keyword: string): Matcher {
  const parts = keyword
    .split(' ')
    .map((part) =>
      part.endsWith('*')
        ? (word: string) => word.startsWith(part.slice(0, -1))
        : (word: string) => word === part,
    )
  return (tokens) =>
    tokens.some((_, start) => parts.every((matches, i) => matches(tokens[start + i] ?? '')))
}

const MATCHERS = Object.fromEntries(
  Object.entries(KEYWORDS).map(([theme, lists]) => [
    theme,
    { en: lists.en.map(matcher), fr: lists.fr.map(matcher) },
  ]),
) as Record<VerbatimTheme, Record<Language, Matcher[]>>

export const THEMES = Object.keys(KEYWORDS) as VerbatimTheme[]

/**
 * The themes of a comment, in `THEMES` order: the keywords of its language (both lists when the
 * language is unclear), matched on whole folded words. No external service, nothing sent anywhere.
 */
export function themesOf(comment: string): { language: Language | null; themes: VerbatimTheme[] } {
  const language = languageOf(comment)
  const tokens = words(comment)
  const languages: Language[] = language ? [language] : ['en', 'fr']
  const themes = THEMES.filter((theme) =>
    languages.some((l) => MATCHERS[theme][l].some((matches) => matches(tokens))),
  )
  return { language, themes }
}
