import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/**
 * Tests only: checks a JSON body against an `@hubspot/api-client` generated model: every required
 * field present (non-optional in the model's `.d.ts`), every value of the declared type, recursing
 * through nested models, arrays and maps. Returns the problems found, as `path: problem` lines.
 */
const require = createRequire(import.meta.url)
const CODEGEN = '@hubspot/api-client/lib/codegen/crm'

interface Attribute {
  name: string
  baseName: string
  type: string
}

export function checkShape(json: unknown, model: string, api: string): string[] {
  const problems: string[] = []
  visit(json, model, api, '$', problems)
  return problems
}

function loadModel(api: string, model: string) {
  const file = `${CODEGEN}/${api}/models/${model}`
  let mod: Record<string, { attributeTypeMap?: Attribute[] }>
  try {
    mod = require(file)
  } catch {
    return null
  }
  const attributes = mod[model]?.attributeTypeMap
  if (!attributes) return null
  const dts = readFileSync(require.resolve(`${file}.d.ts`), 'utf8')
  const required = new Set([...dts.matchAll(/^\s+'([\w$]+)':/gm)].map((m) => m[1]))
  return { attributes, required }
}

function visit(value: unknown, type: string, api: string, path: string, problems: string[]): void {
  type = type.trim()
  if (type === 'any') return
  if (type.endsWith(' | null')) {
    if (value === null) return
    return visit(value, type.slice(0, -' | null'.length), api, path, problems)
  }
  const array = /^Array<(.+)>$/.exec(type)
  if (array) {
    if (!Array.isArray(value)) return void problems.push(`${path}: expected an array`)
    value.forEach((v, i) => visit(v, array[1]!, api, `${path}[${i}]`, problems))
    return
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type)
  if (map) {
    if (typeof value !== 'object' || value === null)
      return void problems.push(`${path}: expected an object`)
    for (const [k, v] of Object.entries(value)) visit(v, map[1]!, api, `${path}.${k}`, problems)
    return
  }
  if (type === 'string' || type.endsWith('Enum')) {
    if (typeof value !== 'string') problems.push(`${path}: expected a string, got ${typeof value}`)
    return
  }
  if (type === 'number' || type === 'boolean') {
    if (typeof value !== type) problems.push(`${path}: expected a ${type}, got ${typeof value}`)
    return
  }
  if (type === 'Date') {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value)))
      problems.push(`${path}: expected a date-time`)
    return
  }
  const loaded = loadModel(api, type)
  if (!loaded) return void problems.push(`${path}: unknown model ${type}`)
  if (typeof value !== 'object' || value === null)
    return void problems.push(`${path}: expected ${type}`)
  const record = value as Record<string, unknown>
  for (const attribute of loaded.attributes) {
    const present = attribute.baseName in record && record[attribute.baseName] !== undefined
    if (!present) {
      if (loaded.required.has(attribute.name))
        problems.push(`${path}.${attribute.baseName}: required by ${type}`)
      continue
    }
    const v = record[attribute.baseName]
    if (v === null && !loaded.required.has(attribute.name)) continue
    visit(v, attribute.type, api, `${path}.${attribute.baseName}`, problems)
  }
}
