import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import {
  checkZendeskApp,
  readAppFiles,
  withApiDomain,
  zipApp,
} from '../../scripts/package-zendesk.ts'

/** The package rules run where the app's assets were just built (global setup). */
const edit = (files: Map<string, Uint8Array>, path: string, change: (json: any) => void) => {
  const json = JSON.parse(new TextDecoder().decode(files.get(path)))
  change(json)
  const out = new Map(files)
  out.set(path, new TextEncoder().encode(JSON.stringify(json)))
  return out
}

describe('Zendesk app package', () => {
  it('passes its checks and zips manifest, assets and translations at the root', async () => {
    const files = await readAppFiles()
    expect(checkZendeskApp(files)).toEqual([])
    const entries = Object.keys(unzipSync(zipApp(files))).sort()
    expect(entries).toEqual([
      'assets/iframe.html',
      'assets/logo-small.png',
      'assets/logo.png',
      'assets/main.js',
      'manifest.json',
      'translations/en.json',
      'translations/fr.json',
    ])
  })

  it('refuses a broken manifest', async () => {
    const files = await readAppFiles()
    const broken = edit(files, 'manifest.json', (m) => {
      m.frameworkVersion = '1.0'
      m.location.support.ticket_sidbar = { url: 'assets/nope.html' }
      m.parameters[1].secure = false
      m.parameters.push({ name: 'x', type: 'select' })
    })
    expect(checkZendeskApp(broken)).toEqual(
      expect.arrayContaining([
        'manifest.json: frameworkVersion must be "2.0"',
        'manifest.json: unknown support location "ticket_sidbar"',
        'manifest.json: location ticket_sidbar points to assets/nope.html, which is not in the package',
        'manifest.json: parameter shared_secret has scopes but is not secure',
        'manifest.json: parameter x has unknown type "select"',
      ]),
    )
  })

  it('refuses a translation missing a key of the default language', async () => {
    const files = edit(await readAppFiles(), 'translations/fr.json', (t) => {
      delete t.app.parameters.shared_secret.label
    })
    expect(checkZendeskApp(files)).toEqual(
      expect.arrayContaining([
        'translations/fr.json: "app.parameters.shared_secret.label" is missing',
      ]),
    )
  })

  it('whitelists the worker host given at packaging', async () => {
    const files = withApiDomain(await readAppFiles(), 'cxlens.acme.workers.dev')
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json')))
    expect(manifest.domainWhitelist).toEqual(['cxlens.acme.workers.dev'])
    expect(checkZendeskApp(files)).toEqual([])
  })
})
