import { refKey, type Person, type SourceRef, type UnifiedRecord } from '../model/index.ts'
import { PageLookups } from './page-lookups.ts'
import type { SqlPort } from './port.ts'
import { jsonList, parseJson, toMs } from './rows.ts'
import { saveStreamState, type StreamStatePatch } from './stream-state.ts'
import { tombstoneKey } from './tombstone.ts'

/** A vendor item that could not become valid unified records. `raw` is stored, never logged. */
export interface QuarantinedItem {
  vendorId: string
  reason: string
  raw: unknown
}

export interface WritePageInput {
  connectionId: string
  stream: string
  records: UnifiedRecord[]
  quarantined: QuarantinedItem[]
  /** Vendor ids of items that mapped cleanly: an earlier quarantine row of theirs is resolved. */
  mappedIds?: string[]
  /** Where the stream resumes after this page; committed with it. */
  cursor: string | null
  /**
   * A page of `connectionId`'s backfill: the people it touches who already have a view wait for the
   * backfill's end to be re-derived (`pending_derive.deferred_by`); erasures and merges never wait.
   */
  deferDerive?: boolean
  /** The stream's new state; the store adds the page's written/stale/deleted/quarantined counts. */
  state: StreamStatePatch
}

export interface WritePageResult {
  /** Person refKeys whose customer may have changed; also queued in `pending_derive`. */
  touched: string[]
  written: number
  stale: number
  deleted: number
  quarantined: number
}

export type IdentityKeysFn = (person: Person) => string[]

interface Context {
  sql: SqlPort
  identityKeys: IdentityKeysFn
  touched: Set<string>
  /** Touched people whose derive never waits for a backfill (erased, merged). */
  prompt: Set<string>
  result: WritePageResult
  nowMs: number
  lookups: PageLookups
}

function newContext(
  sql: SqlPort,
  identityKeys: IdentityKeysFn,
  nowMs: number,
  lookups: PageLookups,
): Context {
  const result = { touched: [], written: 0, stale: 0, deleted: 0, quarantined: 0 }
  return { sql, identityKeys, touched: new Set(), prompt: new Set(), result, nowMs, lookups }
}

type Upsertable = Extract<UnifiedRecord, { record: unknown }>

/** One page, its quarantine rows, cursor and stream state, in one transaction. */
export function writePage(
  sql: SqlPort,
  identityKeys: IdentityKeysFn,
  input: WritePageInput,
  nowMs: number,
): WritePageResult {
  return sql.transaction(() => {
    const ctx = newContext(sql, identityKeys, nowMs, new PageLookups(sql, input.records))
    const { result } = ctx
    for (const record of input.records) {
      if (record.kind === 'merge') applyMerge(ctx, record)
      else if (record.kind === 'erase') applyErase(ctx, record.ref, toMs(record.at))
      else upsertRecord(ctx, record)
    }
    for (const item of input.quarantined) {
      sql.run(
        `INSERT OR REPLACE INTO quarantine (connection_id, stream, vendor_id, reason, raw, at_ms)
         VALUES (?, ?, ?, ?, ?, ?)`,
        input.connectionId,
        input.stream,
        item.vendorId,
        item.reason,
        JSON.stringify(item.raw ?? null),
        nowMs,
      )
      result.quarantined++
    }
    if (input.mappedIds?.length) {
      sql.run(
        `DELETE FROM quarantine WHERE connection_id = ? AND stream = ?
         AND vendor_id IN (SELECT value FROM json_each(?))`,
        input.connectionId,
        input.stream,
        jsonList(input.mappedIds),
      )
    }
    queueDerive(sql, ctx, input.deferDerive ? input.connectionId : null)
    saveStreamState(sql, input.connectionId, input.stream, {
      ...input.state,
      cursor: input.cursor,
      counts: {
        ...input.state.counts,
        written: result.written,
        stale: result.stale,
        deleted: result.deleted,
        quarantined: result.quarantined,
      },
    })
    result.touched = [...ctx.touched]
    return result
  })
}

/**
 * The page's touched people into the derive queue (one statement each way). Deferred by a backfill:
 * a person already queued keeps their entry (a prompt one stays prompt). Prompt: a person a backfill
 * deferred is derived promptly now (a webhook's, an import's or an erasure's person never waits).
 */
function queueDerive(sql: SqlPort, ctx: Context, deferredBy: string | null): void {
  const deferred = deferredBy === null ? [] : [...ctx.touched].filter((k) => !ctx.prompt.has(k))
  const prompt = deferredBy === null ? [...ctx.touched] : [...ctx.prompt]
  if (deferred.length > 0) {
    sql.run(
      `INSERT OR IGNORE INTO pending_derive (ref_key, deferred_by)
       SELECT value, ? FROM json_each(?)`,
      deferredBy,
      jsonList(deferred),
    )
  }
  if (prompt.length > 0) queuePrompt(sql, prompt)
}

/** Queues people for a prompt derive, ending a backfill's deferral of any of them. */
export function queuePrompt(sql: SqlPort, keys: Iterable<string>): void {
  // `WHERE true`: SQLite's parser needs it before an upsert's ON CONFLICT after a SELECT.
  sql.run(
    `INSERT INTO pending_derive (ref_key) SELECT value FROM json_each(?) WHERE true
     ON CONFLICT (ref_key) DO UPDATE SET deferred_by = NULL WHERE deferred_by IS NOT NULL`,
    jsonList(keys),
  )
}

function upsertRecord(ctx: Context, unified: Upsertable): void {
  const { sql, lookups } = ctx
  const record = unified.record
  const key = refKey(record.ref)
  const updatedMs = toMs(record.updatedAt)
  const erased = lookups.erasedUntil(key)
  const existing = lookups.stored(key)
  if (
    (erased !== undefined && updatedMs <= erased) ||
    (existing && updatedMs <= existing.updated_ms)
  ) {
    ctx.result.stale++
    return
  }
  if (linksToErased(ctx, unified)) {
    // The erase came first (streams run people first): the same traces go as if it came last.
    tombstone(ctx, key, updatedMs)
    if (existing) {
      sql.run('DELETE FROM records WHERE ref_key = ?', key)
      lookups.setStored(key, null)
      const ticketRequester = existing.ticket_key
        ? lookups.stored(existing.ticket_key)?.requester_key
        : null
      // Data of an erased person: gone from the views at once, like the erasure's own.
      for (const k of [existing.requester_key, existing.respondent_key, ticketRequester]) {
        if (k) {
          ctx.touched.add(k)
          ctx.prompt.add(k)
        }
      }
      ctx.result.deleted++
    } else ctx.result.stale++
    return
  }
  let body: typeof record = record
  let requester: string | null = null
  let respondent: string | null = null
  let ticket: string | null = null
  let organisation: string | null = null
  let deleted = false
  switch (unified.kind) {
    case 'person': {
      const intoRef = lookups.mergeOf(key)
      const person = unified.record
      body =
        intoRef !== null && !person.mergedInto
          ? { ...person, mergedInto: parseJson<SourceRef>(intoRef) }
          : person
      organisation = person.organisation ? refKey(person.organisation) : null
      deleted = person.deleted
      ctx.touched.add(key)
      break
    }
    case 'organisation': {
      deleted = unified.record.deleted
      const members = sql.all<{ ref_key: string }>(
        "SELECT ref_key FROM records WHERE kind = 'person' AND organisation_key = ?",
        key,
      )
      for (const member of members) ctx.touched.add(member.ref_key)
      break
    }
    case 'ticket': {
      const t = unified.record
      requester = t.requester ? refKey(t.requester) : null
      organisation = t.organisation ? refKey(t.organisation) : null
      deleted = t.status === 'deleted'
      if (requester) ctx.touched.add(requester)
      if (existing?.requester_key) ctx.touched.add(existing.requester_key)
      break
    }
    case 'survey_response': {
      const r = unified.record
      respondent = r.respondent ? refKey(r.respondent) : null
      ticket = r.ticket ? refKey(r.ticket) : null
      deleted = r.deleted
      for (const k of [respondent, existing?.respondent_key]) if (k) ctx.touched.add(k)
      for (const t of [ticket, existing?.ticket_key]) if (t) touchTicketRequester(ctx, t)
      break
    }
  }
  sql.run(
    `INSERT INTO records (source, account, object, id, ref_key, kind, updated_at, updated_ms, deleted,
       body, requester_key, respondent_key, ticket_key, organisation_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (source, account, object, id) DO UPDATE SET kind = excluded.kind,
       updated_at = excluded.updated_at, updated_ms = excluded.updated_ms, deleted = excluded.deleted,
       body = excluded.body, requester_key = excluded.requester_key,
       respondent_key = excluded.respondent_key, ticket_key = excluded.ticket_key,
       organisation_key = excluded.organisation_key`,
    record.ref.source,
    record.ref.account,
    record.ref.object,
    record.ref.id,
    key,
    unified.kind,
    record.updatedAt,
    updatedMs,
    deleted ? 1 : 0,
    JSON.stringify(body),
    requester,
    respondent,
    ticket,
    organisation,
  )
  lookups.setStored(key, {
    updated_ms: updatedMs,
    requester_key: requester,
    respondent_key: respondent,
    ticket_key: ticket,
  })
  if (unified.kind === 'person') writeIdentityKeys(ctx, body as Person)
  ctx.result.written++
  if (deleted) ctx.result.deleted++
}

/** A ticket requested by, or an answer given by or about a ticket of, an erased identity. */
function linksToErased(ctx: Context, unified: Upsertable): boolean {
  const links =
    unified.kind === 'ticket'
      ? [unified.record.requester]
      : unified.kind === 'survey_response'
        ? [unified.record.respondent, unified.record.ticket]
        : []
  const keys = links.flatMap((ref) => (ref ? [refKey(ref)] : []))
  if (keys.length === 0) return false
  // Erased and not re-created since: a tombstone without a record.
  return keys.some(
    (key) => ctx.lookups.erasedUntil(key) !== undefined && ctx.lookups.stored(key) === null,
  )
}

/** Records an erasure of `key` up to `untilMs`, keeping the later of two. */
function tombstone(ctx: Context, key: string, untilMs: number): void {
  ctx.lookups.tombstoned(key)
  ctx.sql.run(
    `INSERT INTO erasures (ref_key, until_ms) VALUES (?, ?)
     ON CONFLICT (ref_key) DO UPDATE SET until_ms = max(until_ms, excluded.until_ms)`,
    tombstoneKey(key),
    untilMs,
  )
}

function touchTicketRequester(ctx: Context, ticketKey: string): void {
  const requester = ctx.lookups.stored(ticketKey)?.requester_key
  if (requester) ctx.touched.add(requester)
}

/** The graph the customer BFS walks: core/identity's keys (none for agents and deleted people). */
function writeIdentityKeys(ctx: Context, person: Person): void {
  const key = refKey(person.ref)
  const keys = new Set(ctx.identityKeys(person))
  ctx.sql.run('DELETE FROM identity_keys WHERE ref_key = ?', key)
  if (keys.size === 0) return
  ctx.sql.run(
    'INSERT OR IGNORE INTO identity_keys (key, ref_key) SELECT value, ? FROM json_each(?)',
    key,
    jsonList(keys),
  )
}

function applyMerge(ctx: Context, merge: Extract<UnifiedRecord, { kind: 'merge' }>): void {
  const { sql } = ctx
  const fromKey = refKey(merge.from)
  const intoKey = refKey(merge.into)
  const atMs = toMs(merge.at)
  const known = sql.all<{ into_key: string; at_ms: number }>(
    'SELECT into_key, at_ms FROM merges WHERE from_key = ?',
    fromKey,
  )[0]
  if (known && (known.at_ms > atMs || (known.at_ms === atMs && known.into_key === intoKey))) {
    ctx.result.stale++
    return
  }
  sql.run(
    'INSERT OR REPLACE INTO merges (from_key, into_key, into_ref, at_ms) VALUES (?, ?, ?, ?)',
    fromKey,
    intoKey,
    JSON.stringify(merge.into),
    atMs,
  )
  ctx.lookups.setMerge(fromKey, JSON.stringify(merge.into))
  const loser = sql.all<{ body: string }>(
    "SELECT body FROM records WHERE ref_key = ? AND kind = 'person'",
    fromKey,
  )[0]
  if (loser) {
    const person: Person = { ...parseJson<Person>(loser.body), mergedInto: merge.into }
    sql.run('UPDATE records SET body = ? WHERE ref_key = ?', JSON.stringify(person), fromKey)
    writeIdentityKeys(ctx, person)
  } else {
    // The loser may arrive later: its keys already point at the survivor.
    sql.run(
      'INSERT OR IGNORE INTO identity_keys (key, ref_key) VALUES (?, ?)',
      `ref:${intoKey}`,
      fromKey,
    )
  }
  for (const k of [fromKey, intoKey]) {
    ctx.touched.add(k)
    ctx.prompt.add(k)
  }
  ctx.result.written++
}

/** Privacy deletion: the identity, its tickets, their responses, its quarantine rows. */
function applyErase(ctx: Context, ref: SourceRef, atMs: number): void {
  const { sql } = ctx
  const key = refKey(ref)
  const tickets = sql
    .all<{ ref_key: string }>(
      "SELECT ref_key FROM records WHERE kind = 'ticket' AND requester_key = ?",
      key,
    )
    .map((row) => row.ref_key)
  const ticketList = jsonList(tickets)
  const responses = sql.all<{ ref_key: string; respondent_key: string | null }>(
    `SELECT ref_key, respondent_key FROM records WHERE kind = 'survey_response'
     AND (respondent_key = ? OR ticket_key IN (SELECT value FROM json_each(?)))`,
    key,
    ticketList,
  )
  for (const response of responses) {
    if (response.respondent_key) {
      ctx.touched.add(response.respondent_key)
      ctx.prompt.add(response.respondent_key)
    }
  }
  const doomed = [key, ...tickets, ...responses.map((r) => r.ref_key)]
  const doomedList = jsonList(doomed)
  for (const doomedKey of doomed) {
    const [stored] = sql.all<{ updated_ms: number }>(
      'SELECT updated_ms FROM records WHERE ref_key = ?',
      doomedKey,
    )
    tombstone(ctx, doomedKey, Math.max(atMs, Number(stored?.updated_ms ?? 0)))
  }
  const removed = sql.all<{ n: number }>(
    'SELECT count(*) AS n FROM records WHERE ref_key IN (SELECT value FROM json_each(?))',
    doomedList,
  )[0]
  ctx.result.deleted += Number(removed?.n ?? 0)
  // Quarantine rows name vendor ids only: drop those of every erased record of this account.
  sql.run(
    `DELETE FROM quarantine WHERE vendor_id IN (
       SELECT id FROM records WHERE ref_key IN (SELECT value FROM json_each(?)) UNION SELECT ?)
     AND connection_id IN (SELECT id FROM connections WHERE source = ? AND account = ?)`,
    doomedList,
    ref.id,
    ref.source,
    ref.account,
  )
  sql.run('DELETE FROM records WHERE ref_key IN (SELECT value FROM json_each(?))', doomedList)
  sql.run('DELETE FROM identity_keys WHERE ref_key = ?', key)
  sql.run('DELETE FROM merges WHERE from_key = ?', key)
  ctx.lookups.forgetStored()
  ctx.lookups.setMerge(key, null)
  // Erased data leaves the views at once, whatever backfill is running.
  ctx.touched.add(key)
  ctx.prompt.add(key)
}

/**
 * Erasures asked of cxlens itself (an admin's GDPR request): each person goes exactly as a vendor's
 * privacy deletion would take them (`applyErase`), in one transaction, their people queued for
 * re-derivation. Returns the counts and the touched people.
 */
export function writeErasures(
  sql: SqlPort,
  identityKeys: IdentityKeysFn,
  refs: readonly SourceRef[],
  nowMs: number,
): WritePageResult {
  return sql.transaction(() => {
    const ctx = newContext(sql, identityKeys, nowMs, new PageLookups(sql))
    const { result } = ctx
    for (const ref of refs) applyErase(ctx, ref, nowMs)
    queueDerive(sql, ctx, null)
    result.touched = [...ctx.touched]
    return result
  })
}
