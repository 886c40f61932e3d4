import { unzipSync } from 'fflate'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { bundleSidebar, type SidebarBundle } from '../../apps/zendesk-sidebar/build.ts'
import { APP_DIR, appFiles, checkZendeskApp, zipApp } from '../../scripts/package-zendesk.ts'
import { EXAMPLE_ORIGIN, parsePublicOrigin } from '../../scripts/public-origin.ts'

type Files = Map<string, Uint8Array>
const acme = parsePublicOrigin('https://cxlens.acme.workers.dev')
const json = (files: Files, path: string) => JSON.parse(new TextDecoder().decode(files.get(path)))
const edit = (files: Files, path: string, change: (json: any) => void): Files => {
  const value = json(files, path)
  change(value)
  return new Map(files).set(path, new TextEncoder().encode(JSON.stringify(value)))
}

describe('Zendesk app package', () => {
  let bundle: SidebarBundle
  let files: Files
  beforeAll(async () => {
    bundle = await bundleSidebar()
    files = await appFiles(acme, bundle)
  })

  it('passes its checks and zips only the app: manifest, assets, translations at the root', () => {
    expect(checkZendeskApp(files)).toEqual([])
    expect(Object.keys(unzipSync(zipApp(files))).sort()).toEqual([
      'assets/iframe.html',
      'assets/logo-small.png',
      'assets/logo.png',
      'assets/main.js',
      'manifest.json',
      'translations/en.json',
      'translations/fr.json',
    ])
  })

  it('sends the secret only to the public origin, the default API URL', () => {
    const manifest = json(files, 'manifest.json')
    expect(manifest.domainWhitelist).toEqual(['cxlens.acme.workers.dev'])
    const apiUrl = manifest.parameters.find((p: any) => p.name === 'api_url')
    expect(apiUrl.default).toBe('https://cxlens.acme.workers.dev')
  })

  it('commits a manifest set up for the example origin, the one used when none is configured', async () => {
    const committed = JSON.parse(await readFile(join(APP_DIR, 'manifest.json'), 'utf8'))
    const example = json(await appFiles(parsePublicOrigin(EXAMPLE_ORIGIN), bundle), 'manifest.json')
    expect(example).toEqual(committed)
  })

  it('refuses a broken manifest', () => {
    const broken = edit(files, 'manifest.json', (m) => {
      m.frameworkVersion = '1.0'
      m.location.support.ticket_sidbar = { url: 'assets/nope.html' }
      m.parameters.push({ name: 'x', type: 'select' })
      m.parameters.push({ name: 'old', type: 'password' })
    })
    expect(checkZendeskApp(broken)).toEqual(
      expect.arrayContaining([
        'manifest.json: frameworkVersion must be "2.0"',
        'manifest.json: unknown support location "ticket_sidbar"',
        'manifest.json: location ticket_sidbar points to assets/nope.html, which is not in the package',
        'manifest.json: parameter x has unknown type "select"',
        'manifest.json: parameter old has unknown type "password"',
      ]),
    )
  })

  it('refuses secure settings Zendesk would refuse', () => {
    const secret = (change: (p: any) => void) =>
      checkZendeskApp(
        edit(files, 'manifest.json', (m) => change(m.parameters.find((p: any) => p.secure))),
      )
    expect(secret((p) => delete p.scopes)).toEqual([
      expect.stringMatching(/^manifest.json: secure parameter shared_secret needs scopes/),
    ])
    expect(secret((p) => (p.scopes = []))).toHaveLength(1)
    expect(secret((p) => (p.scopes = ['jwt_secret_key', 'cookie']))).toHaveLength(1)
    expect(secret((p) => (p.default = 's3cret'))).toEqual([
      'manifest.json: secure parameter shared_secret cannot have a default',
    ])
    expect(secret((p) => (p.secure = false))).toEqual([
      'manifest.json: parameter shared_secret has scopes but is not secure',
    ])
    const hidden = edit(files, 'manifest.json', (m) =>
      m.parameters.push({ name: 'tenant', type: 'hidden', default: 'ten_1' }),
    )
    expect(checkZendeskApp(hidden)).toContain(
      'manifest.json: hidden parameter tenant cannot have a default',
    )
    const open = edit(files, 'manifest.json', (m) => delete m.domainWhitelist)
    expect(checkZendeskApp(open).sort()).toEqual([
      'manifest.json: api_url default https://cxlens.acme.workers.dev is not on a domainWhitelist host',
      'manifest.json: secure parameter shared_secret needs a domainWhitelist',
    ])
  })

  it('refuses a translation without the public listing texts or a key of the default language', () => {
    const fr = edit(files, 'translations/fr.json', (t) => {
      delete t.app.parameters.shared_secret.label
      delete t.app.long_description
    })
    expect(checkZendeskApp(fr)).toEqual(
      expect.arrayContaining([
        'translations/fr.json: "app.long_description" is missing',
        'translations/fr.json: "app.parameters.shared_secret.label" is missing',
      ]),
    )
    const en = edit(files, 'translations/en.json', (t) => delete t.app.installation_instructions)
    expect(checkZendeskApp(en)).toEqual(
      expect.arrayContaining(['translations/en.json: "app.installation_instructions" is missing']),
    )
  })
})
