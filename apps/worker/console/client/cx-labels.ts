import { createTranslator } from '../../../../core/presentation/translator.ts'
import { locale } from './i18n.ts'

/** The sidebars' own words for friction kinds, themes and tools, in the console's language. */
export const presentation = createTranslator(locale)

const label = (prefix: string, value: string): string => {
  const key = `${prefix}.${value}`
  return presentation.has(key) ? presentation.t(key) : value
}

export const kindLabel = (kind: string): string => label('kind', kind)
export const themeLabel = (theme: string): string => label('theme', theme)
export const sourceLabel = (source: string): string => label('source', source)
