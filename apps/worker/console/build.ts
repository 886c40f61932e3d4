/**
 * Builds the admin console's client (Preact + uPlot) into `dist/console.js.txt` and
 * `dist/console.css.txt`, which the worker imports as text (`bundle.ts`). Git-ignored: wrangler's
 * `[build]` runs this before `wrangler dev`/`deploy`, the workers tests' config before workerd.
 *   npm run build:console
 */
import { build, transform } from 'esbuild'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const here = dirname(fileURLToPath(import.meta.url))
const dist = join(here, 'dist')

export async function bundleConsole(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: [join(here, 'client/main.tsx')],
    bundle: true,
    write: false,
    minify: true,
    format: 'iife',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  })
  const uplotCss = await readFile(
    createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'),
    'utf8',
  )
  const ours = (
    await Promise.all(
      ['client/styles.css', 'client/dashboard.css'].map((f) => readFile(join(here, f), 'utf8')),
    )
  ).join('\n')
  const css = (await transform(uplotCss + '\n' + ours, { loader: 'css', minify: true })).code
  return { js: result.outputFiles[0]!.text, css }
}

/** Written through a temporary name: two setups building at once never leave half a file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`
  await writeFile(temporary, text)
  await rename(temporary, path)
}

export async function buildConsole(): Promise<{ gzipBytes: number }> {
  const { js, css } = await bundleConsole()
  await mkdir(dist, { recursive: true })
  await writeAtomically(join(dist, 'console.js.txt'), js)
  await writeAtomically(join(dist, 'console.css.txt'), css)
  return { gzipBytes: gzipSync(js + css).byteLength }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { gzipBytes } = await buildConsole()
  console.log(`admin console: ${(gzipBytes / 1024).toFixed(1)} KB gzipped`)
}
