/**
 * Credentials out of a text before it is stored or shown (a stream's lastError, the admin API): a
 * vendor error page may echo the request, Authorization header included. Each match keeps its name
 * and loses its value: `Authorization: Bearer [redacted]`, `access_token=[redacted]`.
 */
const REDACTED = '[redacted]'

const PATTERNS: [RegExp, string][] = [
  // Authorization / Proxy-Authorization headers, whatever the scheme, up to the end of the line.
  [/\b((?:proxy-)?authorization)(\s*["']?\s*[:=]\s*["']?)[^\r\n"',}]+/gi, `$1$2${REDACTED}`],
  // A scheme and its credentials anywhere else: `Bearer eyJ…`, `Basic dXNlcjpwYXNz`.
  [/\b(bearer|basic|digest)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1$2${REDACTED}`],
  // key=value and "key": "value" of anything named like a secret (query strings, JSON, forms).
  [
    /\b([\w-]*(?:access[_-]?token|refresh[_-]?token|id[_-]?token|api[_-]?key|apikey|api[_-]?token|client[_-]?secret|secret|password|passwd|hapikey|token))(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi,
    `$1$2${REDACTED}`,
  ],
  // user:password@ in URLs.
  [/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi, `$1${REDACTED}@`],
  // Well-known token shapes standing alone: HubSpot private-app keys, JWTs.
  [/\bpat-[a-z]{2,4}\d?-[0-9a-f-]{8,}/gi, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g, REDACTED],
]

export function redactCredentials(text: string): string {
  return PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text)
}
