import { refKey, type Person, type SourceRef } from '../model/index.ts'
import * as customers from './customers.ts'
import type { SqlPort } from './port.ts'
import { jsonList, parseJson } from './rows.ts'
import { writeErasures, type IdentityKeysFn } from './write-page.ts'

/** What an erasure removed: people, and every record that went with them. */
export interface ErasureResult {
  people: number
  records: number
  quarantined: number
}

/**
 * The data subject behind some person keys: everyone the identity graph joins to them (the people
 * the sidebar shows as this one customer, in both tools), read before anything is removed.
 */
export function subjectOf(sql: SqlPort, seeds: readonly string[]): string[] {
  const formerMembers = customers.membersOf(sql, customers.customerIdsOf(sql, [...seeds]))
  return [...new Set(customers.connectedPeople(sql, [...new Set([...seeds, ...formerMembers])]))]
}

/**
 * GDPR erasure of one data subject: every person record of theirs, their tickets, the survey
 * answers they gave or that were about their tickets (the vendors' privacy deletion path), plus
 * what that path leaves: merges into them and quarantined vendor items carrying their details.
 * Customers and views go on the next derive of the queued people. The tombstones keep no id.
 */
export function eraseSubject(
  sql: SqlPort,
  identityKeys: IdentityKeysFn,
  personKeys: readonly string[],
  nowMs: number,
): ErasureResult {
  return sql.transaction(() => {
    const people = sql
      .all<{ ref_key: string; body: string }>(
        `SELECT ref_key, body FROM records WHERE kind = 'person'
         AND ref_key IN (SELECT value FROM json_each(?))`,
        jsonList(personKeys),
      )
      .map((row) => parseJson<Person>(row.body))
    const refs: SourceRef[] = people.map((p) => p.ref)
    const traces = people.flatMap((p) => [...p.emails, ...p.phones, p.name ?? '', p.ref.id])
    const before = count(sql, 'quarantine')
    const result = writeErasures(sql, identityKeys, refs, nowMs)
    const keys = jsonList(refs.map(refKey))
    sql.run('DELETE FROM merges WHERE into_key IN (SELECT value FROM json_each(?))', keys)
    // Quarantined items are raw vendor JSON: any that names them (a ticket that failed to map) goes.
    for (const trace of traces.filter((t) => t.trim().length >= 3)) {
      sql.run('DELETE FROM quarantine WHERE instr(lower(raw), lower(?)) > 0', trace)
    }
    return {
      people: refs.length,
      records: result.deleted,
      quarantined: before - count(sql, 'quarantine'),
    }
  })
}

const count = (sql: SqlPort, table: 'quarantine'): number =>
  Number(sql.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]?.n ?? 0)
