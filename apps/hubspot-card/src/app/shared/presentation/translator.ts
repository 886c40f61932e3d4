import { en, type MessageKey, type Messages } from './messages/en.ts'
import { fr } from './messages/fr.ts'

export const LOCALES = ['en', 'fr'] as const
export type Locale = (typeof LOCALES)[number]

const CATALOGS: Record<Locale, Messages> = { en, fr }

/** Keys that have plural forms, named without their `_one` / `_other` suffix. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? Base : never
}[MessageKey]

export type Params = Record<string, string | number>

export interface Translator {
  locale: Locale
  /** A message with `{name}` parameters; plural keys pick their form from `params.count`. */
  t(key: MessageKey | PluralKey, params?: Params): string
  has(key: string): key is MessageKey | PluralKey
  number(n: number): string
}

/** `fr`, `fr-FR`, `fr-ca` → fr; anything else (or nothing) → en. */
export function resolveLocale(tag: string | null | undefined): Locale {
  const primary = (tag ?? '').toLowerCase().split(/[-_]/)[0]
  return (LOCALES as readonly string[]).includes(primary ?? '') ? (primary as Locale) : 'en'
}

export function createTranslator(locale: Locale): Translator {
  const catalog = CATALOGS[locale]
  const plurals = new Intl.PluralRules(locale)
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })
  const lookup = (key: string, params?: Params): string | undefined => {
    const direct = (catalog as Record<string, string>)[key]
    if (direct !== undefined) return direct
    // Without a count a plural key takes its `other` form; its {count} stays unfilled.
    const count = params?.count
    const forms = catalog as Record<string, string>
    const form = typeof count === 'number' ? forms[`${key}_${plurals.select(count)}`] : undefined
    return form ?? forms[`${key}_other`]
  }
  const format = (value: string | number): string =>
    typeof value === 'number' ? numbers.format(value) : value
  return {
    locale,
    t(key, params) {
      const message = lookup(key, params)
      if (message === undefined) throw new Error(`no message "${key}" in locale ${locale}`)
      return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
        params && name in params ? format(params[name]!) : whole,
      )
    },
    has(key): key is MessageKey | PluralKey {
      return key in catalog || `${key}_other` in catalog
    },
    number: format as (n: number) => string,
  }
}

/** Placeholders a message expects, e.g. `['score', 'max']`. */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
}
