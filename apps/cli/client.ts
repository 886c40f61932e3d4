/** Exit codes of `cxlens` (documented in apps/worker/README.md, "Operating cxlens"). */
export const EXIT = {
  ok: 0,
  /** The API refused the request, or the run it followed failed. */
  failure: 1,
  /** Bad arguments. */
  usage: 2,
  /** The worker could not be reached. */
  unreachable: 3,
  /** The worker refused the admin token, or has none configured. */
  unauthorized: 4,
  /** No such tenant or connection. */
  notFound: 5,
  /**
   * The worker refused the request in the connection's current state (409: paused, uninstalled,
   * needs reconnecting); the message is the server's problem detail and what to do.
   */
  refused: 6,
} as const

export class CliError extends Error {
  readonly exitCode: number

  constructor(message: string, exitCode: number) {
    super(message)
    this.name = 'CliError'
    this.exitCode = exitCode
  }
}

export interface ClientOptions {
  url: string
  token: string
  /** The worker's fetch in tests (SELF.fetch); the global fetch otherwise. */
  fetch?: (request: Request) => Promise<Response>
}

export type AdminClient = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>

/** Calls the admin API; every failure becomes a CliError with a message for people and its exit code. */
export function createClient(options: ClientOptions): AdminClient {
  const base = options.url.replace(/\/+$/, '')
  const send = options.fetch ?? ((request: Request) => fetch(request))
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = new Headers({ authorization: `Bearer ${options.token}` })
    if (body !== undefined) headers.set('content-type', 'application/json')
    let response: Response
    try {
      response = await send(
        new Request(base + path, {
          method,
          headers,
          body: body === undefined ? null : JSON.stringify(body),
        }),
      )
    } catch (error) {
      const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error)
      throw new CliError(
        `Cannot reach the cxlens worker at ${base} (${reason}). Check --url or CXLENS_URL.`,
        EXIT.unreachable,
      )
    }
    const text = await response.text()
    let json: unknown = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      throw new CliError(
        `${base} answered ${response.status} with something other than JSON: is it a cxlens worker?`,
        EXIT.failure,
      )
    }
    if (response.ok) return json as T
    const detail = (json as { detail?: string } | null)?.detail ?? response.statusText
    if (response.status === 401) {
      throw new CliError(
        `The worker refused the admin token (${detail}). Check --token or CXLENS_ADMIN_TOKEN.`,
        EXIT.unauthorized,
      )
    }
    if (response.status === 503) throw new CliError(detail, EXIT.unauthorized)
    if (response.status === 404) throw new CliError(detail, EXIT.notFound)
    if (response.status === 409) throw new CliError(`refused: ${detail}`, EXIT.refused)
    throw new CliError(`${method} ${path}: ${response.status} ${detail}`, EXIT.failure)
  }
}
