/**
 * Builds the Zendesk sidebar for the deployment's public origin (`CXLENS_PUBLIC_ORIGIN`, see
 * scripts/public-origin.ts), checks it against Zendesk's documented app rules, and writes the app
 * as zcli ships it, nothing else: the folder dist/zendesk-app/ (manifest.json, assets/,
 * translations/) and the same files zipped to dist/cxlens-zendesk.zip for an Admin Center upload.
 *   node scripts/package-zendesk.ts [--out dist/x.zip]   (unset origin: the example one, with a warning)
 *   node scripts/package-zendesk.ts --deploy             refuse the example origin
 *   node scripts/package-zendesk.ts --logos              (re)draw assets/logo.png and logo-small.png
 * zcli's validate/create/update run on dist/zendesk-app and need a Zendesk account (root README).
 * [ref: Zendesk "Manifest reference", "App requirements", "Localizing an app"]
 */
import { zipSync } from 'fflate'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { crc32, deflateSync } from 'node:zlib'
import { bundleSidebar, sidebarAssets, type SidebarBundle } from '../apps/zendesk-sidebar/build.ts'
import {
  deployablePublicOrigin,
  publicOrigin,
  PUBLIC_ORIGIN_VARIABLE,
  type PublicOrigin,
} from './public-origin.ts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const APP_DIR = join(root, 'apps/zendesk-sidebar')

/** Zendesk Support locations an app may declare. [ref: "Manifest reference", location] */
const SUPPORT_LOCATIONS = new Set([
  'ticket_sidebar',
  'new_ticket_sidebar',
  'user_sidebar',
  'organization_sidebar',
  'top_bar',
  'nav_bar',
  'ticket_editor',
  'background',
  'modal',
])
/** `password` is no longer one. [ref: "Manifest reference", parameters; zendesk_apps_support] */
const PARAMETER_TYPES = new Set([
  'text',
  'url',
  'number',
  'checkbox',
  'multiline',
  'hidden',
  'oauth',
  'mtls',
])
/** Where the proxy may put a secure setting. [ref: zendesk_apps_support, secure settings scopes] */
const SECURE_SCOPES = new Set([
  'header',
  'body',
  'url',
  'jwt_secret_key',
  'jwt_claim',
  'basic_auth_username',
  'basic_auth_password',
])
/** What a public listing shows, in every language. [ref: "Localizing an app", app listing] */
const LISTING_KEYS = [
  'app.name',
  'app.short_description',
  'app.long_description',
  'app.installation_instructions',
]
/** Zendesk refuses app packages above this size. */
export const MAX_PACKAGE_BYTES = 2 * 1024 * 1024
const LOGOS: Record<string, number> = { 'assets/logo.png': 320, 'assets/logo-small.png': 128 }

type Files = Map<string, Uint8Array>
type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes)

function parseJson(files: Files, path: string, issues: string[]): Json | null {
  const bytes = files.get(path)
  if (!bytes) {
    issues.push(`${path} is missing`)
    return null
  }
  try {
    const value: unknown = JSON.parse(text(bytes))
    if (isObject(value)) return value
    issues.push(`${path} is not a JSON object`)
  } catch (error) {
    issues.push(`${path} is not valid JSON: ${(error as Error).message}`)
  }
  return null
}

/** Flattened keys of a translation file: `app.parameters.api_url.label`… */
function keysOf(value: Json, prefix = ''): string[] {
  return Object.entries(value).flatMap(([k, v]) =>
    isObject(v) ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset)
  return { width: view.getUint32(16), height: view.getUint32(20) }
}

function checkManifest(manifest: Json, files: Files, issues: string[]): void {
  for (const field of [
    'name',
    'author',
    'defaultLocale',
    'location',
    'frameworkVersion',
    'version',
  ]) {
    if (manifest[field] === undefined) issues.push(`manifest.json: "${field}" is required`)
  }
  const author = manifest.author
  if (!isObject(author) || typeof author.name !== 'string' || typeof author.email !== 'string') {
    issues.push('manifest.json: author needs a name and an email')
  }
  if (manifest.frameworkVersion !== '2.0')
    issues.push('manifest.json: frameworkVersion must be "2.0"')
  if (typeof manifest.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(manifest.version)) {
    issues.push('manifest.json: version must look like 1.2.3')
  }
  if (typeof manifest.private !== 'boolean')
    issues.push('manifest.json: private must be true or false')

  const location = manifest.location
  if (!isObject(location) || !isObject(location.support)) {
    issues.push('manifest.json: location.support is required')
  } else {
    for (const [name, spec] of Object.entries(location.support)) {
      if (!SUPPORT_LOCATIONS.has(name))
        issues.push(`manifest.json: unknown support location "${name}"`)
      const url = isObject(spec) ? spec.url : spec
      if (typeof url !== 'string') {
        issues.push(`manifest.json: location ${name} needs a url`)
      } else if (!/^https:\/\//.test(url) && !files.has(url)) {
        issues.push(`manifest.json: location ${name} points to ${url}, which is not in the package`)
      }
      if (isObject(spec) && spec.flexible !== undefined && typeof spec.flexible !== 'boolean') {
        issues.push(`manifest.json: location ${name} flexible must be a boolean`)
      }
    }
  }

  const domains = manifest.domainWhitelist ?? []
  if (!Array.isArray(domains) || domains.some((d) => typeof d !== 'string' || /[/:]/.test(d))) {
    issues.push('manifest.json: domainWhitelist must list bare host names (no scheme, no path)')
  }
  checkParameters(manifest, Array.isArray(domains) ? domains.map(String) : [], issues)
}

function checkParameters(manifest: Json, domains: string[], issues: string[]): void {
  const parameters = manifest.parameters ?? []
  if (!Array.isArray(parameters)) {
    issues.push('manifest.json: parameters must be an array')
    return
  }
  // The app's secure request goes to api_url: its default must be a host the proxy may reach.
  const anySecure = parameters.some((p) => isObject(p) && p.secure === true)
  const names = new Set<string>()
  for (const p of parameters) {
    if (!isObject(p) || typeof p.name !== 'string' || p.name === '') {
      issues.push('manifest.json: every parameter needs a name')
      continue
    }
    if (names.has(p.name)) issues.push(`manifest.json: parameter ${p.name} is declared twice`)
    names.add(p.name)
    if (!PARAMETER_TYPES.has(String(p.type))) {
      issues.push(`manifest.json: parameter ${p.name} has unknown type "${String(p.type)}"`)
    }
    if (p.scopes !== undefined && p.secure !== true) {
      issues.push(`manifest.json: parameter ${p.name} has scopes but is not secure`)
    }
    const scopes = p.scopes
    if (
      p.secure === true &&
      (!Array.isArray(scopes) ||
        scopes.length === 0 ||
        scopes.some((scope) => !SECURE_SCOPES.has(String(scope))))
    ) {
      issues.push(
        `manifest.json: secure parameter ${p.name} needs scopes, some of ${[...SECURE_SCOPES].join(', ')}`,
      )
    }
    // Defaults are not stored securely. [ref: "Manifest reference", secure settings]
    if ((p.secure === true || p.type === 'hidden') && p.default !== undefined) {
      issues.push(
        `manifest.json: ${p.secure === true ? 'secure' : 'hidden'} parameter ${p.name} cannot have a default`,
      )
    }
    // The proxy sends a secure setting only to these hosts; reviewers reject an app without them.
    if (p.secure === true && domains.length === 0) {
      issues.push(`manifest.json: secure parameter ${p.name} needs a domainWhitelist`)
    }
    if (p.type === 'url' && typeof p.default === 'string' && anySecure) {
      const host = URL.canParse(p.default) ? new URL(p.default).hostname : p.default
      if (!domains.includes(host)) {
        issues.push(
          `manifest.json: ${p.name} default ${p.default} is not on a domainWhitelist host`,
        )
      }
    }
    if (p.secure === true && (p.type === 'checkbox' || p.type === 'oauth')) {
      issues.push(`manifest.json: parameter ${p.name} of type ${p.type} cannot be secure`)
    }
    if (p.required !== undefined && typeof p.required !== 'boolean') {
      issues.push(`manifest.json: parameter ${p.name} required must be a boolean`)
    }
  }
}

/** Every rule this script knows; an empty list means the package may be uploaded. */
export function checkZendeskApp(files: Files): string[] {
  const issues: string[] = []
  const manifest = parseJson(files, 'manifest.json', issues)
  if (!manifest) return issues
  checkManifest(manifest, files, issues)

  const translations = [...files.keys()].filter((p) => /^translations\/[^/]+\.json$/.test(p))
  const defaultFile = `translations/${String(manifest.defaultLocale)}.json`
  if (!files.has(defaultFile)) issues.push(`${defaultFile} (the defaultLocale) is missing`)
  const parameterNames = Array.isArray(manifest.parameters)
    ? manifest.parameters.filter(isObject).map((p) => String(p.name))
    : []
  const required = [...LISTING_KEYS, ...parameterNames.map((n) => `app.parameters.${n}.label`)]
  const keySets = new Map<string, Set<string>>()
  for (const path of translations) {
    const json = parseJson(files, path, issues)
    if (!json) continue
    const keys = new Set(keysOf(json))
    keySets.set(path, keys)
    for (const key of required) if (!keys.has(key)) issues.push(`${path}: "${key}" is missing`)
  }
  const reference = keySets.get(defaultFile)
  for (const [path, keys] of keySets) {
    if (!reference || path === defaultFile) continue
    for (const key of reference) if (!keys.has(key)) issues.push(`${path}: "${key}" is missing`)
    for (const key of keys)
      if (!reference.has(key)) issues.push(`${path}: "${key}" is not in ${defaultFile}`)
  }

  for (const [path, size] of Object.entries(LOGOS)) {
    const bytes = files.get(path)
    const dims = bytes && pngSize(bytes)
    if (!dims) issues.push(`${path} is missing or not a PNG`)
    else if (dims.width !== size || dims.height !== size) {
      issues.push(`${path} must be ${size}×${size}, is ${dims.width}×${dims.height}`)
    }
  }
  for (const path of files.keys()) {
    if (!/^(manifest\.json|assets\/.+|translations\/[^/]+\.json|README\.md)$/.test(path)) {
      issues.push(`${path} does not belong in a Zendesk app package`)
    }
  }
  return issues
}

/**
 * The app's files as zcli ships them: manifest.json, translations/ and the logos from the app's
 * folder, the script and page from `bundle`, set up for `origin`.
 */
export async function appFiles(
  origin: PublicOrigin,
  bundle: SidebarBundle,
  appDir = APP_DIR,
): Promise<Files> {
  const files: Files = new Map()
  files.set('manifest.json', await readFile(join(appDir, 'manifest.json')))
  for (const path of Object.keys(LOGOS)) files.set(path, await readFile(join(appDir, path)))
  for (const entry of await readdir(join(appDir, 'translations'), { withFileTypes: true })) {
    if (entry.isFile()) {
      files.set(`translations/${entry.name}`, await readFile(join(entry.parentPath, entry.name)))
    }
  }
  for (const [path, content] of Object.entries(sidebarAssets(bundle))) {
    files.set(path, new TextEncoder().encode(content))
  }
  return forPublicOrigin(files, origin)
}

/** The app calls this origin: the only host the proxy may send the secret to, the default api_url. */
export function forPublicOrigin(files: Files, origin: PublicOrigin): Files {
  const manifest = JSON.parse(text(files.get('manifest.json'))) as Json
  manifest.domainWhitelist = [origin.hostname]
  for (const p of Array.isArray(manifest.parameters) ? manifest.parameters : []) {
    if (isObject(p) && p.name === 'api_url') p.default = origin.origin
  }
  const out = new Map(files)
  out.set('manifest.json', new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`))
  return out
}

/** Replaces `dir` with exactly these files: the folder zcli validates and uploads. */
export async function writeAppDir(files: Files, dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
  for (const [path, bytes] of files) {
    await mkdir(dirname(join(dir, path)), { recursive: true })
    await writeFile(join(dir, path), bytes)
  }
}

/** Deterministic zip: sorted entries, fixed dates, so the same app gives the same bytes. */
export function zipApp(files: Files): Uint8Array {
  const mtime = new Date('2026-01-01T00:00:00Z')
  const entries = Object.fromEntries(
    [...files.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([p, b]) => [p, [b, { mtime }]]),
  ) as Parameters<typeof zipSync>[0]
  return zipSync(entries, { level: 9 })
}

/** A small PNG (RGBA, no filter) drawn pixel by pixel: the cxlens lens on Zendesk blue. */
export function drawLogo(size: number): Uint8Array {
  const rows: number[] = []
  const c = size / 2
  for (let y = 0; y < size; y++) {
    rows.push(0)
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x + 0.5 - c, y + 0.5 - c) / size
      const ring = d > 0.22 && d < 0.32
      const handle = x > y - size * 0.02 && x < y + size * 0.06 && x > c * 1.4 && x < size * 0.9
      rows.push(...(ring || handle ? [255, 255, 255, 255] : [31, 115, 183, 255]))
    }
  }
  const chunk = (type: string, data: Uint8Array): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const out = Buffer.alloc(body.length + 8)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), body.length + 4)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', new Uint8Array()),
  ])
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  if (args.includes('--logos')) {
    for (const [path, size] of Object.entries(LOGOS))
      await writeFile(join(APP_DIR, path), drawLogo(size))
  }
  const origin = args.includes('--deploy') ? deployablePublicOrigin() : publicOrigin()
  const bundle = await bundleSidebar()
  const files = await appFiles(origin, bundle)
  const issues = checkZendeskApp(files)
  const zip = zipApp(files)
  if (zip.byteLength > MAX_PACKAGE_BYTES)
    issues.push(`the package is ${zip.byteLength} bytes, over 2 MB`)
  if (issues.length > 0) {
    console.error(`The Zendesk app does not pass its checks:\n- ${issues.join('\n- ')}`)
    process.exit(1)
  }
  const out = join(root, flag('--out') ?? 'dist/cxlens-zendesk.zip')
  const appDir = join(root, 'dist/zendesk-app')
  await writeAppDir(files, appDir)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, zip)
  console.log(
    `${relative(root, appDir)}/ and ${relative(root, out)}: ${files.size} files, ` +
      `${(zip.byteLength / 1024).toFixed(1)} KB (app ${(bundle.gzipBytes / 1024).toFixed(1)} KB ` +
      `gzipped), for ${origin.origin}`,
  )
  if (origin.example) {
    console.warn(`This package calls the example origin: set ${PUBLIC_ORIGIN_VARIABLE} to deploy.`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main().catch((error: Error) => {
    console.error(error.message)
    process.exit(1)
  })
}
