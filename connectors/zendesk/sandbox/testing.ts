import type { ZendeskSandbox } from './app.ts'

/** Test helper: GET a sandbox path with valid credentials, parse JSON. */
export async function get(
  sandbox: ZendeskSandbox,
  path: string,
  headers: Record<string, string> = {},
) {
  const response = await sandbox.app.request(
    path.startsWith('http') ? path : `http://sandbox.test${path}`,
    {
      headers: { authorization: sandbox.authHeaders.basic, ...headers },
    },
  )
  const body = (await response.json()) as Record<string, any>
  return { status: response.status, headers: response.headers, body }
}

/** Walks a cursor export from `start_time` to `end_of_stream`, returning every page body. */
export async function walkExport(sandbox: ZendeskSandbox, path: string, maxPages = 10_000) {
  const pages: Record<string, any>[] = []
  let url: string | null = path
  while (url && pages.length < maxPages) {
    const { status, body } = await get(sandbox, url)
    if (status !== 200) throw new Error(`GET ${url} answered ${status}`)
    pages.push(body)
    url = body.end_of_stream ? null : body.after_url
  }
  return pages
}
