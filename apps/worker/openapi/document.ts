import { z } from 'zod'
import { CustomerView, StreamState, TenantSettings } from '../../../core/model/index.ts'
import { ConnectionSummary } from '../tenant/connection-input.ts'
import { PROBLEMS, type RouteDoc } from './describe.ts'
import { ProblemSchema } from './problem-schema.ts'
import * as adminSchemas from './schemas-admin.ts'
import * as insightSchemas from './schemas-insight.ts'
import * as lifecycleSchemas from './schemas-lifecycle.ts'
import * as opsSchemas from './schemas-ops.ts'
import * as publicSchemas from './schemas-public.ts'
import { CREDENTIALS, SECURITY_SCHEMES } from './security.ts'

type Json = Record<string, unknown>
const REF = '#/components/schemas/'
const ref = (id: string): Json => ({ $ref: REF + id })
const PROBLEM_TYPE = 'application/problem+json'

/** Response schemas shown under their own names: the modules' exports plus the core model's. */
const NAMED_OUTPUTS: Record<string, z.ZodType> = {
  CustomerView,
  ConnectionSummary,
  StreamState,
  TenantSettings,
  Problem: ProblemSchema,
  ...adminSchemas,
  ...opsSchemas,
  ...publicSchemas,
  ...lifecycleSchemas,
  ...insightSchemas,
}

const TAGS: Record<string, string> = {
  public: 'No credential',
  admin: 'Provisioning: tenants, connections, installations, settings (admin token)',
  operations: 'Schedules, pauses, runs, backfills, tenants, key rotation (admin token)',
  console: 'The admin console: pages, sign-in with the admin token, its client bundle',
  v1: 'What the sidebars and other tools read and send (tenant credentials)',
  webhooks: 'Vendor and survey-feed deliveries, each proved by its sender\u2019s signature',
  lifecycle: 'Uninstall, purge, retention, erasure of one person (admin token)',
  alerts: 'Alert rules, destinations, the alert log, a test alert (admin token)',
  insight: 'CX dashboards and survey feeds\u2019 saved formats and secrets (admin token)',
  install: 'OAuth installs and the connect page (a signed state or the install session)',
}

/** `/a/:id{re}/:b` → `/a/{id}/{b}` (OpenAPI path templating). */
export const toOpenApiPath = (honoPath: string): string =>
  honoPath.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?/g, '{$1}')

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1)

/** zod's ±2^53 bounds of every `.int()` say nothing a reader needs. */
function tidy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(tidy)
  if (!value || typeof value !== 'object') return value
  const out: Json = {}
  for (const [key, v] of Object.entries(value)) {
    if (key === '$schema' || key === '$id') continue
    if (
      (key === 'minimum' || key === 'maximum') &&
      Math.abs(v as number) === Number.MAX_SAFE_INTEGER
    )
      continue
    out[key] = tidy(v)
  }
  return out
}

/** Every schema of a registry, `$ref`s between them pointing into `components.schemas`. */
function convertAll(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output') {
  // `throw`: a schema JSON Schema cannot express (a bigint, a custom type) fails the tests, rather
  // than showing as an empty schema that accepts anything.
  const { schemas } = z.toJSONSchema(registry, {
    io,
    uri: (id) => REF + id,
    unrepresentable: 'throw',
  })
  return Object.fromEntries(Object.entries(schemas).map(([id, s]) => [id, tidy(s)]))
}

/** An object schema's members as `in` parameters (query or path), with their constraints. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!schema) return []
  const json = tidy(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' })) as Json
  const properties = (json.properties ?? {}) as Record<string, Json>
  const required = new Set((json.required ?? []) as string[])
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    }
  })
}

function register(
  registry: z.core.$ZodRegistry<{ id: string }>,
  schema: z.ZodType,
  id: string,
): string {
  const known = registry.get(schema)?.id
  if (known) return known
  // zod's registry would let two schemas share an id, and one would silently replace the other.
  if (registry._idmap.has(id)) throw new Error(`two schemas are named ${id}`)
  registry.add(schema, { id })
  return id
}

export interface DocumentInfo {
  version: string
}

/** The OpenAPI 3.1 document of `routes`: what `GET /openapi.json` serves. */
export function buildDocument(routes: RouteDoc[], info: DocumentInfo): Json {
  const outputs = z.registry<{ id: string }>()
  const inputs = z.registry<{ id: string }>()
  for (const [id, schema] of Object.entries(NAMED_OUTPUTS)) register(outputs, schema, id)

  const paths: Record<string, Record<string, Json>> = {}
  const operationIds = new Set<string>()
  for (const route of routes) {
    if (operationIds.has(route.operationId)) throw new Error(`${route.operationId} twice`)
    operationIds.add(route.operationId)
    const name = pascal(route.operationId)
    const responses: Json = {}
    for (const [status, response] of Object.entries(route.responses)) {
      const type = response.contentType ?? 'application/json'
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? {
              content: {
                [type]: { schema: ref(register(outputs, response.schema, name + status)) },
              },
            }
          : {}),
      }
    }
    for (const status of [...route.problems, 500] as const) {
      responses[status] ??= { $ref: `#/components/responses/${PROBLEMS[status]}` }
    }
    const body = route.body && {
      required: true,
      content: Object.fromEntries(
        Object.entries(route.body).map(([type, schema], _, all) => {
          // `application/json` → `Json`, `text/csv` → `Csv`, when a route takes several.
          const kind = all.length > 1 ? pascal(type.split('/')[1]!) : ''
          return [type, { schema: ref(register(inputs, schema, `${name}${kind}Request`)) }]
        }),
      ),
    }
    const path = toOpenApiPath(route.path)
    const item = (paths[path] ??= {})
    if (item[route.method]) throw new Error(`${route.method} ${path} described twice`)
    item[route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      security: CREDENTIALS[route.auth],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      ...(body ? { requestBody: body } : {}),
      responses,
    }
  }

  const outputSchemas = convertAll(outputs, 'output')
  const inputSchemas = convertAll(inputs, 'input')
  for (const id of Object.keys(inputSchemas)) {
    if (id in outputSchemas) throw new Error(`component ${id} is both a request and a response`)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'cxlens',
      version: info.version,
      description:
        'Zendesk and HubSpot in one customer view: provisioning (admin), operations, the views ' +
        'the sidebars read (v1), survey imports and vendor webhooks. Every error is ' +
        '`application/problem+json` (RFC 9457).',
    },
    // Public by default; each operation names its own credentials.
    security: [],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({
      name,
      ...(TAGS[name] ? { description: TAGS[name] } : {}),
    })),
    paths,
    components: {
      schemas: { ...outputSchemas, ...inputSchemas },
      responses: Object.fromEntries(
        Object.entries(PROBLEMS).map(([status, name]) => [
          name,
          {
            description: `${status} problem`,
            ...(status === '401'
              ? { headers: { 'WWW-Authenticate': { schema: { type: 'string' } } } }
              : {}),
            content: { [PROBLEM_TYPE]: { schema: ref('Problem') } },
          },
        ]),
      ),
      securitySchemes: SECURITY_SCHEMES,
    },
  }
}
