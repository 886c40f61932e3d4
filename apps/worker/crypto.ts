/**
 * Connection secrets at rest: AES-256-GCM under `CXLENS_SECRET_KEY` (base64 of 32 random bytes).
 * Blob: `v1.<iv base64url>.<ciphertext base64url>`; the version lets the key or algorithm rotate later.
 * The additional data binds a blob to where it belongs (tenant + connection), so a blob copied onto
 * another connection does not decrypt.
 */

const VERSION = 'v1'
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export class SecretKeyError extends Error {
  override name = 'SecretKeyError'
}

export async function importSecretKey(base64Key: string | undefined): Promise<CryptoKey> {
  if (!base64Key) throw new SecretKeyError('CXLENS_SECRET_KEY is not set')
  let raw: Uint8Array<ArrayBuffer>
  try {
    raw = fromBase64(base64Key)
  } catch {
    throw new SecretKeyError('CXLENS_SECRET_KEY is not valid base64')
  }
  if (raw.byteLength !== 32) throw new SecretKeyError('CXLENS_SECRET_KEY must be 32 bytes')
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
}

export async function encryptSecret(
  key: CryptoKey,
  plaintext: string,
  context: string,
): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    key,
    encoder.encode(plaintext),
  )
  return [VERSION, toBase64Url(iv), toBase64Url(new Uint8Array(sealed))].join('.')
}

export async function decryptSecret(
  key: CryptoKey,
  blob: string,
  context: string,
): Promise<string> {
  const [version, iv, sealed] = blob.split('.')
  if (version !== VERSION || !iv || !sealed) throw new SecretKeyError(`unknown secret blob version`)
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv), additionalData: encoder.encode(context) },
    key,
    fromBase64(sealed),
  )
  return decoder.decode(plain)
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

// One constant-time compare for the whole suite: the connectors' kit (signatures use it too).
export { constantTimeEqual } from '../../connectors/index.ts'

export function randomToken(bytes: number): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)))
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const b of bytes) binary += String.fromCharCode(b)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const normal = text.replace(/-/g, '+').replace(/_/g, '/')
  const binary = atob(normal + '='.repeat((4 - (normal.length % 4)) % 4))
  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0))
}
