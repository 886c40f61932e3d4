import { exports } from 'cloudflare:workers'

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

export interface Call {
  token?: string
  body?: unknown
  headers?: Record<string, string>
}

/** One request to the worker under test (same isolate, no network). */
export async function call(method: string, path: string, options: Call = {}) {
  const headers = new Headers(options.headers)
  if (options.token) headers.set('authorization', `Bearer ${options.token}`)
  let body: string | undefined
  if (options.body !== undefined) {
    headers.set('content-type', 'application/json')
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
  }
  const response = await exports.default.fetch(
    new Request(`https://cxlens.test${path}`, { method, headers, body }),
  )
  const text = await response.text()
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : null
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    json,
    text,
    headers: response.headers,
  }
}

export const admin = (method: string, path: string, body?: unknown) =>
  call(method, path, { token: ADMIN_TOKEN, body })

export async function createTenant(name = 'Acme') {
  const res = await admin('POST', '/admin/tenants', { name })
  if (res.status !== 201) throw new Error(`createTenant: ${res.status} ${res.text}`)
  return res.json as { tenantId: string; apiKey: string; name: string }
}

export async function addZendeskConnection(
  tenantId: string,
  overrides: Record<string, unknown> = {},
) {
  return admin('POST', `/admin/tenants/${tenantId}/connections`, {
    source: 'zendesk',
    subdomain: uniqueSubdomain(),
    auth: { kind: 'api_token', email: 'ops@acme.example', token: 'zd-secret-token-123' },
    ...overrides,
  })
}

/** The directory is shared by the tests of a file: each connection gets its own vendor account. */
export const uniqueSubdomain = (prefix = 'acme'): string =>
  `${prefix}-${crypto.randomUUID().slice(0, 8)}`
