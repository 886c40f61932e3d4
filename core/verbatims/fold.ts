/**
 * A comment as words to match: accents folded (`résiliation` → `resiliation`), lower case,
 * apostrophes and punctuation as word breaks (`l'appli` → `l appli`), so keywords match whole words.
 */
export function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
}
