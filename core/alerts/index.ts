export * from './evaluate.ts'
export * from './rules.ts'
export { alertText } from './text.ts'
