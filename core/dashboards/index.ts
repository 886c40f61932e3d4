export * from './contributions.ts'
export * from './report.ts'
export * from './verbatims.ts'
