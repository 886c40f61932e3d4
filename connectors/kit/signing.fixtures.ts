/** Signatures made with WebCrypto directly (not the kit's helpers), for the connectors' tests. */
const encoder = new TextEncoder()

export async function hmacBase64(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  )
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(message))
  return btoa(String.fromCharCode(...new Uint8Array(mac)))
}

export async function sha256Hex(message: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(message))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A header getter over a plain object, case-insensitive like HTTP's. */
export const headersOf =
  (values: Record<string, string>) =>
  (name: string): string | undefined =>
    Object.entries(values).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1]

export const bytes = (text: string) => encoder.encode(text)
