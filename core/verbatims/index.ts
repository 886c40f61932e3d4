export { words } from './fold.ts'
export { languageOf, type Language } from './language.ts'
export { selectVerbatims, toVerbatim, unhappyComments, VERBATIMS_MAX } from './select.ts'
export { THEMES, themesOf } from './themes.ts'
