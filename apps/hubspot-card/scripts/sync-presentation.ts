import { syncSharedModules } from './shared-modules.ts'

// Run after changing core/presentation or core/model, before `hs project upload`.
const copied = syncSharedModules()
console.log(`copied ${copied.length} files into src/app/shared/`)
