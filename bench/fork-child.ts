import { fork, type ChildProcess } from 'node:child_process'

/** A bench child process answering `{ id, type, args }` with `{ id, result }` (id 0: ready). */
export interface BenchChild<Requests extends { type: string; args?: unknown }, Results, Info> {
  info: Info
  call<K extends Requests['type'] & keyof Results>(
    type: K,
    args?: Extract<Requests, { type: K }>['args'],
  ): Promise<Results[K]>
  close(): Promise<void>
}

/** Forks `file` with `config` as its JSON argument and waits for its ready message. */
export function forkChild<Requests extends { type: string; args?: unknown }, Results, Info>(
  file: URL,
  config: unknown,
): Promise<BenchChild<Requests, Results, Info>> {
  const child: ChildProcess = fork(file, [JSON.stringify(config)])
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  let nextId = 1
  return new Promise((resolveReady, rejectReady) => {
    pending.set(0, { resolve: (v) => resolveReady(ready(v as Info)), reject: rejectReady })
    child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = pending.get(message.id)
      pending.delete(message.id)
      if (message.error) waiter?.reject(new Error(`bench child: ${message.error}`))
      else waiter?.resolve(message.result)
    })
    child.on('exit', (code) => {
      for (const waiter of pending.values())
        waiter.reject(new Error(`bench child exited (${code})`))
      pending.clear()
    })
  })

  function ready(info: Info): BenchChild<Requests, Results, Info> {
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

/** The child's side: answers each request with `handle`'s result (awaited) or its error. */
export function answerParent<Request extends { type: string }>(
  handle: (request: Request) => unknown,
) {
  process.on('message', async (message: Request & { id: number }) => {
    try {
      process.send?.({ id: message.id, result: await handle(message) })
    } catch (error) {
      process.send?.({ id: message.id, error: String(error) })
    }
  })
}
