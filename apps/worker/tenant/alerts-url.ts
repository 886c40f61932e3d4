/**
 * Where alerts may be sent. Production: https only, never to a loopback, private or link-local
 * address written in the URL (SSRF); Workers' fetch does not reach private networks by name, so
 * literals are what is left to refuse. `allowLoopbackHttp` (the local demo, tests) also allows
 * http and https to 127.0.0.1, ::1 and localhost — nothing else.
 */
export function webhookUrlProblem(raw: string, allowLoopbackHttp: boolean): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'not a URL'
  }
  if (url.username || url.password) return 'credentials in the URL are not allowed'
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  const loopback = isLoopback(host)
  if (url.protocol === 'http:') {
    return allowLoopbackHttp && loopback ? null : 'only https URLs are allowed'
  }
  if (url.protocol !== 'https:') return 'only https URLs are allowed'
  if (loopback) return allowLoopbackHttp ? null : 'loopback addresses are not allowed'
  if (isPrivate(host)) return 'private and link-local addresses are not allowed'
  return null
}

function isLoopback(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  )
}

function isPrivate(host: string): boolean {
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host)
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])]
    return (
      a === 0 ||
      a === 10 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    )
  }
  if (!host.includes(':')) return host.endsWith('.internal') || host.endsWith('.local')
  // IPv6: unspecified, unique-local fc00::/7, link-local fe80::/10, IPv4-mapped.
  return (
    host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:')
  )
}
