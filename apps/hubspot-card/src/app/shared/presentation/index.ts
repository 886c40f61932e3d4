export type * from './display-model.ts'
export { frictionReason } from './friction-reason.ts'
export * from './labels.ts'
export { orderFriction } from './present-friction.ts'
export { npsCategoryOf } from './present-nps.ts'
export { presentView, type PresentOptions } from './present-view.ts'
export { formatDate, relativeTime } from './relative-time.ts'
export {
  createTranslator,
  LOCALES,
  resolveLocale,
  type Locale,
  type Translator,
} from './translator.ts'
export type { MessageKey } from './messages/en.ts'
