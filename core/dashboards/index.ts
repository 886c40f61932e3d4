export * from './contributions.ts'
export * from './report.ts'
