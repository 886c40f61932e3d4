import type {
  Customer,
  CustomerView,
  Organisation,
  Person,
  SurveyResponse,
  Ticket,
} from '../model/index.ts'
import { hasSoundScore } from '../model/bounds.ts'
import { deleteDashboardShares } from './dashboards.ts'
import type { SqlPort } from './port.ts'
import { jsonList, parseJson } from './rows.ts'

/** The reads and writes of customer derivation, and the sidebar lookups. */

export { loadClusterRecords } from './cluster-records.ts'

/** Every person refKey connected to the seeds through shared identity keys (BFS in SQL). */
export function connectedPeople(sql: SqlPort, seeds: string[]): string[] {
  if (seeds.length === 0) return []
  return sql
    .all<{ ref_key: string }>(
      `WITH RECURSIVE component(ref_key) AS (
         SELECT value FROM json_each(?)
         UNION
         SELECT other.ref_key FROM component
         JOIN identity_keys mine ON mine.ref_key = component.ref_key
         JOIN identity_keys other ON other.key = mine.key
       )
       SELECT ref_key FROM component`,
      jsonList(seeds),
    )
    .map((row) => row.ref_key)
}

function bodies<T>(sql: SqlPort, query: string, ...lists: string[][]): T[] {
  return sql
    .all<{ body: string }>(query, ...lists.map(jsonList))
    .map((row) => parseJson<T>(row.body))
}

export const loadPeople = (sql: SqlPort, keys: string[]): Person[] =>
  bodies<Person>(
    sql,
    `SELECT body FROM records WHERE kind = 'person'
     AND ref_key IN (SELECT value FROM json_each(?)) ORDER BY ref_key`,
    keys,
  )

export const loadOrganisations = (sql: SqlPort, keys: string[]): Organisation[] =>
  bodies<Organisation>(
    sql,
    `SELECT body FROM records WHERE kind = 'organisation'
     AND ref_key IN (SELECT value FROM json_each(?)) ORDER BY ref_key`,
    keys,
  )

export const loadTicketsOf = (sql: SqlPort, requesterKeys: string[]): Ticket[] =>
  bodies<Ticket>(
    sql,
    `SELECT body FROM records WHERE kind = 'ticket' AND deleted = 0
     AND requester_key IN (SELECT value FROM json_each(?)) ORDER BY ref_key`,
    requesterKeys,
  )

export const loadResponsesOf = (
  sql: SqlPort,
  respondentKeys: string[],
  ticketKeys: string[],
): SurveyResponse[] =>
  bodies<SurveyResponse>(
    sql,
    `SELECT body FROM records WHERE kind = 'survey_response' AND deleted = 0
     AND (respondent_key IN (SELECT value FROM json_each(?))
       OR ticket_key IN (SELECT value FROM json_each(?))) ORDER BY ref_key`,
    respondentKeys,
    ticketKeys,
    // A row stored before the bounds (core/model/bounds.ts) existed must not poison every derive.
  ).filter(hasSoundScore)

/** Customer ids that the given people belong to now. */
export function customerIdsOf(sql: SqlPort, personKeys: string[]): string[] {
  return sql
    .all<{ customer_id: string }>(
      `SELECT DISTINCT customer_id FROM customer_members
       WHERE ref_key IN (SELECT value FROM json_each(?)) ORDER BY customer_id`,
      jsonList(personKeys),
    )
    .map((row) => row.customer_id)
}

export function membersOf(sql: SqlPort, customerIds: string[]): string[] {
  return sql
    .all<{ ref_key: string }>(
      'SELECT ref_key FROM customer_members WHERE customer_id IN (SELECT value FROM json_each(?))',
      jsonList(customerIds),
    )
    .map((row) => row.ref_key)
}

/** Replaces one customer, its members and its view. */
export function saveCustomer(
  sql: SqlPort,
  customer: Customer,
  memberKeys: string[],
  view: CustomerView,
  nowMs: number,
): void {
  sql.run(
    `INSERT INTO customers (id, body, updated_ms) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_ms = excluded.updated_ms`,
    customer.id,
    JSON.stringify(customer),
    nowMs,
  )
  sql.run('DELETE FROM customer_members WHERE customer_id = ?', customer.id)
  sql.run(
    'INSERT OR REPLACE INTO customer_members (ref_key, customer_id) SELECT value, ? FROM json_each(?)',
    customer.id,
    jsonList(memberKeys),
  )
  sql.run(
    `INSERT INTO views (customer_id, body, generated_ms) VALUES (?, ?, ?)
     ON CONFLICT (customer_id) DO UPDATE SET body = excluded.body, generated_ms = excluded.generated_ms`,
    customer.id,
    JSON.stringify(view),
    nowMs,
  )
}

/** Drops customers that no longer exist (after a split, a merge or an erasure) and their views. */
export function deleteCustomers(sql: SqlPort, ids: string[]): void {
  const list = jsonList(ids)
  for (const table of ['customers', 'views', 'customer_members']) {
    const column = table === 'customers' ? 'id' : 'customer_id'
    sql.run(`DELETE FROM ${table} WHERE ${column} IN (SELECT value FROM json_each(?))`, list)
  }
  deleteDashboardShares(sql, ids)
}

/** People who belong to no customer any more (erased, agents, deleted). */
export function dropMembership(sql: SqlPort, personKeys: string[]): void {
  sql.run(
    'DELETE FROM customer_members WHERE ref_key IN (SELECT value FROM json_each(?))',
    jsonList(personKeys),
  )
}

/**
 * Queued people, those without a customer (so without a view) first: during a backfill every page
 * queues again people who already have a view, and a sidebar asking about someone new would wait
 * behind all of them. Then those with a view whose derive is not deferred by a running backfill
 * (`deferred_by`, cleared when it ends). By key within each.
 */
export function pendingDerive(sql: SqlPort, limit: number): string[] {
  const keys = (where: string, n: number) =>
    sql
      .all<{ ref_key: string }>(
        `SELECT p.ref_key FROM pending_derive p
         WHERE ${where} ORDER BY p.ref_key LIMIT ?`,
        n,
      )
      .map((row) => row.ref_key)
  const viewless = keys(`NOT ${HAS_VIEW}`, limit)
  return viewless.length < limit
    ? [...viewless, ...keys(`p.deferred_by IS NULL AND ${HAS_VIEW}`, limit - viewless.length)]
    : viewless
}

const HAS_VIEW = 'EXISTS (SELECT 1 FROM customer_members m WHERE m.ref_key = p.ref_key)'

/** Which of these people wait in the derive queue. */
export function pendingAmong(sql: SqlPort, personKeys: string[]): string[] {
  return sql
    .all<{ ref_key: string }>(
      'SELECT ref_key FROM pending_derive WHERE ref_key IN (SELECT value FROM json_each(?))',
      jsonList(personKeys),
    )
    .map((row) => row.ref_key)
}

/** Which of these people wait for a running backfill's end to be re-derived. */
export function deferredAmong(sql: SqlPort, personKeys: string[]): string[] {
  return sql
    .all<{ ref_key: string }>(
      `SELECT ref_key FROM pending_derive
       WHERE ref_key IN (SELECT value FROM json_each(?)) AND deferred_by IS NOT NULL`,
      jsonList(personKeys),
    )
    .map((row) => row.ref_key)
}

/** How many live tickets these people requested (what deriving their customer costs, roughly). */
export function countTicketsOf(sql: SqlPort, personKeys: string[]): number {
  const [row] = sql.all<{ n: number }>(
    `SELECT count(*) AS n FROM records WHERE kind = 'ticket' AND deleted = 0
     AND requester_key IN (SELECT value FROM json_each(?))`,
    jsonList(personKeys),
  )
  return Number(row?.n ?? 0)
}

/** Queues the members of every customer: each view is re-derived (after a settings change). */
export function queueAllMembers(sql: SqlPort): void {
  // Promptly, a backfill's deferred people too: the new settings must not wait for its end.
  sql.run(
    `INSERT INTO pending_derive (ref_key) SELECT ref_key FROM customer_members WHERE true
     ON CONFLICT (ref_key) DO UPDATE SET deferred_by = NULL WHERE deferred_by IS NOT NULL`,
  )
}

/** Queued people a derive can take now: without a view, or not deferred by a running backfill. */
export function countPendingDerive(sql: SqlPort): number {
  const [row] = sql.all<{ n: number }>(
    `SELECT count(*) AS n FROM pending_derive p WHERE p.deferred_by IS NULL OR NOT ${HAS_VIEW}`,
  )
  return Number(row?.n ?? 0)
}

export function hasDeferredDerive(sql: SqlPort): boolean {
  return (
    sql.all('SELECT 1 AS one FROM pending_derive WHERE deferred_by IS NOT NULL LIMIT 1').length > 0
  )
}

/** Queued people with a view who wait for a running backfill's end. */
export function countDeferredDerive(sql: SqlPort): number {
  const [row] = sql.all<{ n: number }>(
    `SELECT count(*) AS n FROM pending_derive p WHERE p.deferred_by IS NOT NULL AND ${HAS_VIEW}`,
  )
  return Number(row?.n ?? 0)
}

/** A connection's backfill ended (or the connection went): the people it deferred are due now. */
export function releaseDeferredDerive(sql: SqlPort, connectionId: string): void {
  sql.run('UPDATE pending_derive SET deferred_by = NULL WHERE deferred_by = ?', connectionId)
}

export function clearPendingDerive(sql: SqlPort, keys: string[]): void {
  sql.run(
    'DELETE FROM pending_derive WHERE ref_key IN (SELECT value FROM json_each(?))',
    jsonList(keys),
  )
}
