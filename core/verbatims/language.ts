import { words } from './fold.ts'

// Function words frequent in short survey comments and rare in the other language.
const FUNCTION_WORDS = {
  en: new Set(
    'the and is was my i it to of not no for you your with at this that have has been but very too nobody never all'.split(
      ' ',
    ),
  ),
  fr: new Set(
    'le la les et est mon ma mes je j pas une un des du de au aux tres trop avec pour sur sans personne jamais toujours mais c ce vous votre ai suis deux trois'.split(
      ' ',
    ),
  ),
} as const

export type Language = keyof typeof FUNCTION_WORDS

/** `en` or `fr` by their function words; null on a tie (`Bug!`), where both keyword lists apply. */
export function languageOf(text: string): Language | null {
  let en = 0
  let fr = 0
  for (const word of words(text)) {
    if (FUNCTION_WORDS.en.has(word)) en++
    if (FUNCTION_WORDS.fr.has(word)) fr++
  }
  return en > fr ? 'en' : fr > en ? 'fr' : null
}
