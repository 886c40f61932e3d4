import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unstable_startWorker } from 'wrangler'

/**
 * The production worker under wrangler on a free loopback port, with its own state folder and the
 * given variables. Pushes what stops it (and removes the state) onto `stops`; returns its origin.
 */
export async function startLocalWorker(
  name: string,
  vars: Record<string, string>,
  stops: Array<() => Promise<unknown>>,
): Promise<string> {
  const state = await mkdtemp(join(tmpdir(), `cxlens-${name}-`))
  stops.push(() => rm(state, { recursive: true, force: true }))
  const bindings = Object.fromEntries(
    Object.entries(vars).map(([key, value]) => [key, { type: 'plain_text', value }]),
  )
  const worker = await unstable_startWorker({
    config: join(process.cwd(), 'wrangler.toml'),
    bindings,
    dev: {
      server: { hostname: '127.0.0.1', port: 0 },
      inspector: false,
      watch: false,
      logLevel: 'error',
      persist: state,
    },
  } as Parameters<typeof unstable_startWorker>[0])
  stops.push(() => worker.dispose())
  await worker.ready
  return String(await worker.url).replace(/\/$/, '')
}
