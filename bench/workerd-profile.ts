/**
 * CPU of the worker under `wrangler dev`, read from workerd's V8 inspector (Chrome DevTools
 * Protocol, `Profiler` domain): sampled time outside `(idle)` is CPU the isolate spent, and the
 * functions with the most self time are where it went.
 */
export interface CpuProfile {
  cpuMs: number
  sampledMs: number
  top: { name: string; where: string; selfMs: number; share: number }[]
}

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

export async function startCpuProfile(inspectorPort: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string
  }[]
  const url = targets[0]?.webSocketDebuggerUrl
  if (!url) throw new Error('workerd inspector: no target')
  // The inspector proxy (miniflare) only admits loopback or DevTools origins; Node's WebSocket
  // (undici) sends none unless told, so name loopback.
  const init = { headers: { origin: `http://127.0.0.1:${inspectorPort}` } }
  const socket = new WebSocket(url, init as unknown as string[])
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true })
    socket.addEventListener(
      'error',
      (e) => reject(new Error(`inspector ${url}: ${String((e as ErrorEvent).message)}`)),
      { once: true },
    )
  })
  let id = 0
  const pending = new Map<number, (result: unknown) => void>()
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown }
    if (message.id !== undefined) pending.get(message.id)?.(message.result)
  })
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const n = ++id
      pending.set(n, resolve as (result: unknown) => void)
      socket.send(JSON.stringify({ id: n, method, params }))
    })
  await send('Profiler.enable')
  await send('Profiler.setSamplingInterval', { interval: 1000 })
  await send('Profiler.start')
  return {
    async stop(): Promise<CpuProfile> {
      const result = await send<{
        profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
      } | null>('Profiler.stop')
      socket.close()
      const profile = result?.profile
      if (!profile) throw new Error('the inspector returned no profile')
      return summarise(profile)
    },
  }
}

function summarise(profile: {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}): CpuProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  let sampled = 0
  // Each delta is the time before its sample: attribute it to that sample's node.
  profile.samples.forEach((node, i) => {
    const us = profile.timeDeltas[i] ?? 0
    sampled += us
    self.set(node, (self.get(node) ?? 0) + us)
  })
  let idle = 0
  const byFunction = new Map<string, { name: string; where: string; us: number }>()
  for (const [nodeId, us] of self) {
    const frame = byId.get(nodeId)!.callFrame
    if (frame.functionName === '(idle)') {
      idle += us
      continue
    }
    const file = frame.url.split('/').slice(-2).join('/')
    const key = `${frame.functionName}@${file}:${frame.lineNumber + 1}`
    const entry = byFunction.get(key) ?? {
      name: frame.functionName || '(anonymous)',
      where: `${file}:${frame.lineNumber + 1}`,
      us: 0,
    }
    entry.us += us
    byFunction.set(key, entry)
  }
  const cpu = sampled - idle
  const top = [...byFunction.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, 15)
    .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, share: f.us / cpu }))
  return { cpuMs: cpu / 1000, sampledMs: sampled / 1000, top }
}
