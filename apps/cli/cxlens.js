#!/usr/bin/env node
// `cxlens` bin: the CLI is TypeScript run by Node's type stripping (Node 22.18+ by default).
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`cxlens needs Node 22.18 or newer (this is ${process.version}).\n`)
  process.exit(2)
}
const { main } = await import('./main.ts')
process.exitCode = await main(process.argv.slice(2))
