/**
 * The worker's one logger: JSON lines with the ids that locate an event (tenant, connection, run,
 * stream) and counts. Free text (error messages) is scrubbed of email addresses and credentials, so
 * no personal data or secret reaches a log even when a vendor echoes one.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

export interface LogFields {
  tenantId?: string
  connectionId?: string
  runId?: number
  stream?: string
  message?: string
  [field: string]: string | number | boolean | null | undefined
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi
const API_KEY = /\bcxl_[A-Za-z0-9_-]+/g
const SECRET_PARAM = /\b(token|access_token|password|secret|api_key)=([^&\s"']+)/gi

export function scrub(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(BEARER, '$1 [redacted]')
    .replace(API_KEY, '[api-key]')
    .replace(SECRET_PARAM, '$1=[redacted]')
    .slice(0, 500)
}

export type LogSink = (level: LogLevel, line: string) => void

const consoleSink: LogSink = (level, line) => {
  if (level === 'error') console.error(line)
  else if (level === 'warn') console.warn(line)
  else console.log(line)
}

let sink: LogSink = consoleSink

/** Tests capture the lines; production writes to the console (Workers Logs). */
export function setLogSink(next: LogSink | null): void {
  sink = next ?? consoleSink
}

export function log(level: LogLevel, event: string, fields: LogFields = {}): void {
  const line: Record<string, unknown> = { level, event, at: new Date().toISOString() }
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue
    line[key] = typeof value === 'string' ? scrub(value) : value
  }
  sink(level, JSON.stringify(line))
}
