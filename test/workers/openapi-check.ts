import Ajv2020 from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'
import { toOpenApiPath } from '../../apps/worker/openapi/document.ts'

type Json = Record<string, any>

export interface Reply {
  status: number
  type: string | null
  text: string
}

/**
 * Checks replies against the served OpenAPI document: the status must be documented for the
 * operation, the content type one of the documented ones, and a JSON body valid against the
 * documented schema (ajv, JSON Schema 2020-12). Records which operations answered 2xx.
 */
export class Conformance {
  readonly answered = new Map<string, Set<number>>()
  private readonly ajv: Ajv2020
  readonly doc: Json

  constructor(doc: Json) {
    this.doc = doc
    this.ajv = new Ajv2020({ strict: false, allErrors: true })
    addFormats(this.ajv)
    this.ajv.addSchema(doc, 'openapi.json')
  }

  /** `get /admin/tenants/{tenantId}` for each documented operation. */
  operations(): string[] {
    return Object.entries(this.doc.paths as Json).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    )
  }

  private deref(value: Json): Json {
    if (typeof value?.$ref !== 'string') return value
    const pointer = (value.$ref as string).replace(/^#\//, '').split('/')
    return pointer.reduce((at: Json, key) => at[key], this.doc)
  }

  private validator(ref: string) {
    const target = ref.replace(/^#/, 'openapi.json#')
    const validate = this.ajv.getSchema(target)
    expect(validate, `schema ${target}`).toBeDefined()
    return validate!
  }

  /**
   * A JSON body the route accepted must be valid against the documented request schema, and one
   * it refused for a `body.*` field must be invalid there too.
   */
  checkRequest(method: string, honoPath: string, body: unknown, accepted = true): void {
    const path = toOpenApiPath(honoPath)
    const media =
      this.doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']
    expect(media, `${method} ${path} documents no JSON body`).toBeDefined()
    const validate = this.validator(media.schema.$ref)
    expect(validate(body), `${method} ${path} request: ${JSON.stringify(validate.errors)}`).toBe(
      accepted,
    )
  }

  /** `honoPath` as the app registers it (`/admin/tenants/:tenantId`). */
  check(method: string, honoPath: string, reply: Reply): void {
    const path = toOpenApiPath(honoPath)
    const op = this.doc.paths[path]?.[method.toLowerCase()]
    expect(op, `${method} ${path} is not in the document`).toBeDefined()
    const response = op.responses[String(reply.status)]
    expect(
      response,
      `${method} ${path}: status ${reply.status} undocumented (${reply.text})`,
    ).toBeDefined()
    const documented = this.deref(response)
    const mediaType = (reply.type ?? '').split(';')[0]!.trim()
    if (!documented.content) {
      expect(reply.text, `${method} ${path} ${reply.status} has no body`).toBe('')
    } else {
      const media = documented.content[mediaType]
      expect(media, `${method} ${path} ${reply.status}: ${mediaType} undocumented`).toBeDefined()
      if (mediaType.endsWith('json')) {
        const validate = this.validator(media.schema.$ref)
        const valid = validate(JSON.parse(reply.text))
        expect(
          valid,
          `${method} ${path} ${reply.status}: ${JSON.stringify(validate.errors)}\n${reply.text}`,
        ).toBe(true)
      }
    }
    const key = `${method.toLowerCase()} ${path}`
    if (!this.answered.has(key)) this.answered.set(key, new Set())
    this.answered.get(key)!.add(reply.status)
  }
}
