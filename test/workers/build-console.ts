import { buildConsole } from '../../apps/worker/console/build.ts'

/** The worker imports the console's client bundle as text: build it before workerd loads it. */
export default async function setup(): Promise<void> {
  await buildConsole()
}
