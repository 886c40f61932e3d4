import { fork, type ChildProcess } from 'node:child_process'
import type { MutationResult } from '../connectors/zendesk/sandbox/mutate.ts'
import type { ChildRequest, CompactTruth, Counters, SandboxInfo } from './protocol.ts'

interface Results {
  mutate: MutationResult
  advance: { offsetMs: number; now: number }
  counters: Counters
  reset: null
  'rate-limits': null
  truth: CompactTruth
  memory: { maxRssKb: number; rss: number }
}

export interface SandboxProcess {
  info: SandboxInfo
  call<K extends ChildRequest['type']>(
    type: K,
    args?: Extract<ChildRequest, { type: K }>['args'],
  ): Promise<Results[K]>
  close(): Promise<void>
}

/** Forks bench/sandbox-child.ts and waits until its sandbox listens. */
export function forkSandbox(config: {
  seed: number
  users: number
  tickets: number
  timeScale: number
}): Promise<SandboxProcess> {
  const child: ChildProcess = fork(new URL('./sandbox-child.ts', import.meta.url), [
    JSON.stringify(config),
  ])
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  let nextId = 1
  return new Promise((resolveReady, rejectReady) => {
    pending.set(0, { resolve: (v) => resolveReady(ready(v as SandboxInfo)), reject: rejectReady })
    child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = pending.get(message.id)
      pending.delete(message.id)
      if (message.error) waiter?.reject(new Error(`sandbox process: ${message.error}`))
      else waiter?.resolve(message.result)
    })
    child.on('exit', (code) => {
      for (const waiter of pending.values())
        waiter.reject(new Error(`sandbox process exited (${code})`))
      pending.clear()
    })
  })

  function ready(info: SandboxInfo): SandboxProcess {
    return {
      info,
      call(type, args) {
        const id = nextId++
        return new Promise((resolve, reject) => {
          pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
          child.send({ id, type, args })
        })
      },
      close: () =>
        new Promise((resolve) => {
          if (child.exitCode !== null) return resolve()
          child.once('exit', () => resolve())
          child.disconnect()
        }),
    }
  }
}
