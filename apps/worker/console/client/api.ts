import type { ConnectionStatus, RunStarted } from '../../tenant/connection-ops.ts'
import type { QuarantinePage } from '../../tenant/rpc-types.ts'
import type { RunRecord } from '../../tenant/runs.ts'

export type { ConnectionStatus, QuarantinePage, RunRecord, RunStarted }

export interface TenantEntry {
  tenantId: string
  name: string
  createdAt: string
}

export interface TenantStatus {
  tenantId: string
  name: string
  connections: ConnectionStatus[]
}

export class ApiError extends Error {
  readonly status: number

  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

/**
 * The admin API with the session cookie (same origin, sent by the browser; the page never holds
 * the token). A 401 means the session ended: back to the sign-in page.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/admin${path}`, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  })
  if (response.status === 401) {
    location.assign('/admin')
    throw new ApiError(401, 'session ended')
  }
  const text = await response.text()
  const json: unknown = text ? JSON.parse(text) : null
  if (!response.ok) {
    const detail = (json as { detail?: string } | null)?.detail ?? response.statusText
    throw new ApiError(response.status, detail)
  }
  return json as T
}

export const tenantPath = (tenantId: string) => `/tenants/${encodeURIComponent(tenantId)}`
export const connectionPath = (tenantId: string, connectionId: string) =>
  `${tenantPath(tenantId)}/connections/${encodeURIComponent(connectionId)}`
