import {
  dashboardContribution,
  frictionReport,
  npsReport,
  ratingReport,
} from '../dashboards/index.ts'
import {
  refKey,
  TenantSettings,
  type RiskLevel,
  type SurveyResponse,
  type Customer,
  type CustomerView,
  type Person,
  type SourceRef,
  type UnifiedRecord,
} from '../model/index.ts'
import { identityKeys as defaultIdentityKeys, normaliseEmail } from '../identity/index.ts'
import type { AlertCandidate, AlertRules } from '../alerts/index.ts'
import * as alerts from './alerts.ts'
import * as connections from './connections.ts'
import { type CachedValue, readCached, writeCached } from './connector-cache.ts'
import * as customers from './customers.ts'
import { eraseSubject, subjectOf, type ErasureResult } from './erase-subject.ts'
import { purgeAccount, type AccountPurge } from './purge-account.ts'
import { keyAndSurvivors } from './merged-into.ts'
import * as dashboards from './dashboards.ts'
import { verbatimsBoard, type VerbatimsQuery } from './dashboard-verbatims.ts'
import { applyMigrations } from './migrate.ts'
import type { SqlPort } from './port.ts'
import { optionalInstant, parseJson, toInstant } from './rows.ts'
import { readStreamStates, saveStreamState, type StreamStatePatch } from './stream-state.ts'
import { historyPage, type HistoryKind } from './history.ts'
import { pageViews, viewsWithIdentity, type ViewFilter } from './views.ts'
import { writePage, type IdentityKeysFn, type WritePageInput } from './write-page.ts'

export type { Connection, ConnectionInput } from './connections.ts'
export type { ErasureResult } from './erase-subject.ts'
export type { AccountPurge } from './purge-account.ts'
export type { StreamStatePatch, StreamStatus } from './stream-state.ts'
export type { ViewFilter } from './views.ts'
export type { DashboardFilter, WorklistEntry } from './dashboards.ts'
export type { VerbatimEntry, VerbatimsBoard, VerbatimsQuery } from './dashboard-verbatims.ts'
export {
  decodeHistoryCursor,
  HISTORY_KINDS,
  type HistoryKind,
  type HistoryPage,
} from './history.ts'
export type { QuarantinedItem, WritePageInput, WritePageResult } from './write-page.ts'

export interface StoreOptions {
  clock?: { now(): number }
  /** Defaults to core/identity's; injectable for tests. */
  identityKeys?: IdentityKeysFn
}

export type CustomerQuery =
  | { by: 'person'; ref: SourceRef }
  | { by: 'ticket'; ref: SourceRef }
  | { by: 'email'; email: string }

/** How an admin names a data subject: a person's vendor id, or an email or phone of theirs. */
export type SubjectQuery =
  | { by: 'ref'; source: string; object: string; id: string; account?: string }
  | { by: 'email'; email: string }
  | { by: 'phone'; phone: string }

export interface QuarantineRow {
  connectionId: string
  stream: string
  vendorId: string
  reason: string
  at: string
}

export interface StoredRecord {
  kind: Exclude<UnifiedRecord['kind'], 'merge' | 'erase'>
  updatedAt: string
  deleted: boolean
  body: unknown
}

/**
 * Everything one tenant keeps, over a synchronous SQL port (Durable Object SQLite or node:sqlite).
 * Call `migrate()` once after opening.
 */
export class TenantStore {
  readonly sql: SqlPort
  private readonly clock: { now(): number }
  private readonly identityKeys: IdentityKeysFn
  private parsedSettings: { body: string | null; settings: TenantSettings } | null = null

  constructor(sql: SqlPort, options: StoreOptions = {}) {
    this.sql = sql
    this.clock = options.clock ?? { now: () => Date.now() }
    this.identityKeys = options.identityKeys ?? defaultIdentityKeys
  }

  now(): number {
    return this.clock.now()
  }

  /** Applies pending migrations; returns the names applied now. */
  migrate(): string[] {
    return applyMigrations(this.sql, this.clock.now())
  }

  /** One page of records with its quarantine rows, cursor and stream state, in one transaction. */
  writePage(input: WritePageInput) {
    return writePage(this.sql, this.identityKeys, input, this.clock.now())
  }

  getRecord(ref: SourceRef): StoredRecord | null {
    const row = this.sql.all<{ kind: string; updated_at: string; deleted: number; body: string }>(
      'SELECT kind, updated_at, deleted, body FROM records WHERE ref_key = ?',
      refKey(ref),
    )[0]
    if (!row) return null
    return {
      kind: row.kind as StoredRecord['kind'],
      updatedAt: row.updated_at,
      deleted: row.deleted === 1,
      body: parseJson(row.body),
    }
  }

  countRecords(kind?: StoredRecord['kind']): number {
    const row = kind
      ? this.sql.all<{ n: number }>('SELECT count(*) AS n FROM records WHERE kind = ?', kind)[0]
      : this.sql.all<{ n: number }>('SELECT count(*) AS n FROM records')[0]
    return Number(row?.n ?? 0)
  }

  // Customers and views

  findCustomerId(query: CustomerQuery): string | null {
    const personKeys = this.personKeysOf(query)
    if (query.by === 'person') {
      // The person's own customer first; a merged-away person's is its survivor's.
      for (const key of keyAndSurvivors(this.sql, personKeys[0]!)) {
        const found = customers.customerIdsOf(this.sql, [key])[0]
        if (found) return found
      }
      return null
    }
    return customers.customerIdsOf(this.sql, personKeys)[0] ?? null
  }

  /** The people (refKeys) a lookup names: the person, a ticket's requester, an email's owners. */
  personKeysOf(query: CustomerQuery): string[] {
    let personKeys: string[]
    if (query.by === 'person') personKeys = [refKey(query.ref)]
    else if (query.by === 'ticket') {
      personKeys = this.sql
        .all<{ requester_key: string | null }>(
          "SELECT requester_key FROM records WHERE kind = 'ticket' AND ref_key = ?",
          refKey(query.ref),
        )
        .flatMap((row) => (row.requester_key ? [row.requester_key] : []))
    } else {
      const email = normaliseEmail(query.email)
      if (!email) return []
      personKeys = this.sql
        .all<{ ref_key: string }>(
          'SELECT ref_key FROM identity_keys WHERE key = ?',
          `email:${email}`,
        )
        .map((row) => row.ref_key)
    }
    return personKeys
  }

  getCustomer(id: string): Customer | null {
    const row = this.sql.all<{ body: string }>('SELECT body FROM customers WHERE id = ?', id)[0]
    return row ? parseJson<Customer>(row.body) : null
  }

  getView(customerId: string): CustomerView | null {
    const json = this.getViewJson(customerId)
    return json === null ? null : parseJson<CustomerView>(json)
  }

  /**
   * The view as stored (JSON text): what the API serves as is. A busy customer's view is about
   * 100 KB of nested objects; parsing it, cloning it over RPC and serialising it again cost a lookup
   * of them more than reading it.
   */
  getViewJson(customerId: string): string | null {
    const row = this.sql.all<{ body: string }>(
      'SELECT body FROM views WHERE customer_id = ?',
      customerId,
    )[0]
    return row ? row.body : null
  }

  listCustomers(limit = 50, offset = 0): { total: number; customers: Customer[] } {
    const total = this.sql.all<{ n: number }>('SELECT count(*) AS n FROM customers')[0]
    const rows = this.sql.all<{ body: string }>(
      'SELECT body FROM customers ORDER BY id LIMIT ? OFFSET ?',
      limit,
      offset,
    )
    return { total: Number(total?.n ?? 0), customers: rows.map((r) => parseJson<Customer>(r.body)) }
  }

  /**
   * One page of a customer's tickets or answers of one kind, newest first, from the records (the
   * stored view keeps only the recent ones). Null when the customer does not exist;
   * `after` comes from `decodeHistoryCursor`.
   */
  customerHistory(query: {
    customerId: string
    kind: HistoryKind
    limit: number
    after: [string, string] | null
  }) {
    const known = this.sql.all('SELECT 1 FROM customers WHERE id = ?', query.customerId).length > 0
    return known ? historyPage(this.sql, query) : null
  }

  /** A page of materialised views by customer id, filtered in SQL (an admin's customer list). */
  pageViews(query: { limit: number; offset: number; has: readonly ViewFilter[] }) {
    return pageViews(this.sql, query)
  }

  /** Views of customers with an identity of one vendor account and object, telling ones first. */
  viewsWithIdentity(query: { source: string; account: string; object: string; limit: number }) {
    return viewsWithIdentity(this.sql, query)
  }

  /** Person refKeys whose customers must be re-derived (queued by writePage, drained by rederive). */
  pendingDerive(limit = 500): string[] {
    return customers.pendingDerive(this.sql, limit)
  }

  /** Queued people a derive can take now (a running backfill's deferred people left out). */
  countPendingDerive(): number {
    return customers.countPendingDerive(this.sql)
  }

  /** Whether any re-derive waits for a running backfill's end (one index probe, for lookups). */
  hasDeferredDerive(): boolean {
    return customers.hasDeferredDerive(this.sql)
  }

  /** Queued people with a view whose re-derive waits for a running backfill's end. */
  countDeferredDerive(): number {
    return customers.countDeferredDerive(this.sql)
  }

  /**
   * Whether the connection is in its backfill: it has never finished a sync run (its first run ends
   * when every stream reached its end or failed, or the run failed outright). Its pages defer the
   * re-derive of people who already have a view until then (`WritePageInput.deferDerive`).
   */
  inBackfill(connectionId: string): boolean {
    const finished = this.sql.all(
      'SELECT 1 FROM runs WHERE connection_id = ? AND finished_ms IS NOT NULL LIMIT 1',
      connectionId,
    )
    return finished.length === 0
  }

  /**
   * Queues every customer's members for re-derivation, so each view is rebuilt (after the friction
   * settings change, every stored view is stale). Returns how many people wait in the queue now.
   */
  queueRederiveAll(): number {
    return this.sql.transaction(() => {
      customers.queueAllMembers(this.sql)
      return customers.countPendingDerive(this.sql)
    })
  }

  // CX dashboards: per-customer shares replaced at each derive, read from running totals

  /**
   * Replaces the customer's share of the dashboards; the derive calls it in its transaction, with
   * its settings and the members it just saved (else both are read from the store).
   */
  saveDashboardShare(
    customerId: string,
    responses: readonly SurveyResponse[],
    view: CustomerView,
    /** The derive's settings (read from the store when not given). */
    settings: TenantSettings = this.getSettings(),
    memberKeys?: readonly string[],
  ) {
    const members = new Set(memberKeys ?? customers.membersOf(this.sql, [customerId]))
    const share = dashboardContribution(responses, view, members, settings.friction)
    dashboards.saveDashboardShare(this.sql, customerId, share)
  }

  npsDashboard(filter: dashboards.DashboardFilter = {}) {
    return npsReport(dashboards.npsByMonth(this.sql, filter))
  }

  csatDashboard(filter: dashboards.DashboardFilter = {}) {
    return ratingReport(dashboards.ratingsByMonth(this.sql, 'csat', filter))
  }

  cesDashboard(filter: dashboards.DashboardFilter = {}) {
    return ratingReport(dashboards.ratingsByMonth(this.sql, 'ces', filter))
  }

  frictionDashboard(filter: dashboards.DashboardFilter = {}) {
    return frictionReport(dashboards.frictionByMonth(this.sql, filter))
  }

  /** Detractors with open friction to call back: at-risk first, then newest answer first. */
  worklist(
    query: dashboards.DashboardFilter & { limit?: number; offset?: number; risk?: RiskLevel } = {},
  ) {
    return dashboards.worklist(this.sql, { limit: 50, offset: 0, ...query })
  }

  /** Detractors' and unsatisfied raters' comments, newest first, with theme counts. */
  verbatimsDashboard(query: Partial<VerbatimsQuery> = {}) {
    return verbatimsBoard(this.sql, { limit: 20, offset: 0, ...query })
  }

  // Connections, sync state, runs

  putConnection(input: connections.ConnectionInput): void {
    connections.putConnection(this.sql, input, this.clock.now())
  }

  getConnection(id: string) {
    return connections.getConnection(this.sql, id)
  }

  listConnections() {
    return connections.listConnections(this.sql)
  }

  /** A connector's cached lookup (pipelines, survey versions), kept across runs. */
  getCached(connectionId: string, key: string): CachedValue | null {
    return readCached(this.sql, connectionId, key)
  }

  putCached(connectionId: string, key: string, value: string): void {
    writeCached(this.sql, connectionId, key, value, this.now())
  }

  deleteConnection(id: string): void {
    this.sql.transaction(() => {
      connections.deleteConnection(this.sql, id)
      // No backfill to wait for any more.
      customers.releaseDeferredDerive(this.sql, id)
    })
  }

  streamStates(connectionId: string) {
    return readStreamStates(this.sql, connectionId)
  }

  saveStreamState(connectionId: string, stream: string, patch: StreamStatePatch): void {
    this.sql.transaction(() => saveStreamState(this.sql, connectionId, stream, patch))
  }

  /** The connection's unfinished sync run, or a new one. */
  openRun(connectionId: string): number {
    const open = this.sql.all<{ id: number }>(
      'SELECT id FROM runs WHERE connection_id = ? AND finished_ms IS NULL ORDER BY id DESC LIMIT 1',
      connectionId,
    )[0]
    if (open) return Number(open.id)
    this.sql.run(
      'INSERT INTO runs (connection_id, started_ms) VALUES (?, ?)',
      connectionId,
      this.clock.now(),
    )
    const created = this.sql.all<{ id: number }>('SELECT last_insert_rowid() AS id')[0]
    return Number(created?.id)
  }

  /** Ends a run; the end of a connection's first run ends its backfill's deferred derives. */
  finishRun(runId: number): void {
    this.sql.transaction(() => {
      this.sql.run('UPDATE runs SET finished_ms = ? WHERE id = ?', this.clock.now(), runId)
      const [run] = this.sql.all<{ connection_id: string }>(
        'SELECT connection_id FROM runs WHERE id = ?',
        runId,
      )
      if (run) customers.releaseDeferredDerive(this.sql, run.connection_id)
    })
  }

  listRuns(connectionId: string, limit = 20) {
    return this.sql
      .all<{ id: number; started_ms: number; finished_ms: number | null }>(
        'SELECT id, started_ms, finished_ms FROM runs WHERE connection_id = ? ORDER BY id DESC LIMIT ?',
        connectionId,
        limit,
      )
      .map((row) => ({
        id: Number(row.id),
        startedAt: toInstant(Number(row.started_ms)),
        finishedAt: optionalInstant(row.finished_ms),
      }))
  }

  /** When each connected source was last synced: the oldest last success among its streams. */
  freshness(): CustomerView['freshness'] {
    return this.sql
      .all<{ source: string; account: string; synced: number | null; missing: number }>(
        `SELECT c.source, c.account, min(s.last_success_ms) AS synced,
           sum(s.last_success_ms IS NULL) AS missing
         FROM connections c LEFT JOIN stream_state s ON s.connection_id = c.id
         GROUP BY c.source, c.account ORDER BY c.source, c.account`,
      )
      .map((row) => ({
        source: row.source as CustomerView['freshness'][number]['source'],
        account: row.account,
        lastSyncedAt: row.synced === null || Number(row.missing) > 0 ? null : toInstant(row.synced),
      }))
  }

  // Quarantine

  listQuarantine(filter: { connectionId?: string; limit?: number; offset?: number } = {}) {
    const rows = this.sql.all<Record<string, string | number>>(
      `SELECT connection_id, stream, vendor_id, reason, at_ms FROM quarantine
       WHERE ? IS NULL OR connection_id = ? ORDER BY at_ms DESC, vendor_id LIMIT ? OFFSET ?`,
      filter.connectionId ?? null,
      filter.connectionId ?? null,
      filter.limit ?? 100,
      filter.offset ?? 0,
    )
    return rows.map((row): QuarantineRow => ({
      connectionId: String(row.connection_id),
      stream: String(row.stream),
      vendorId: String(row.vendor_id),
      reason: String(row.reason),
      at: toInstant(Number(row.at_ms)),
    }))
  }

  countQuarantine(connectionId: string): number {
    const row = this.sql.all<{ n: number }>(
      'SELECT count(*) AS n FROM quarantine WHERE connection_id = ?',
      connectionId,
    )[0]
    return Number(row?.n ?? 0)
  }

  /** The raw vendor item of one quarantine row (for a replay or an admin's eyes; never log it). */
  getQuarantinedRaw(connectionId: string, stream: string, vendorId: string): unknown {
    const row = this.sql.all<{ raw: string }>(
      'SELECT raw FROM quarantine WHERE connection_id = ? AND stream = ? AND vendor_id = ?',
      connectionId,
      stream,
      vendorId,
    )[0]
    return row ? parseJson(row.raw) : undefined
  }

  // Data lifecycle: erasure of one person, purge of one vendor account

  /**
   * The person keys of the data subject a query names: the people it matches directly, and
   * everyone the identity graph joins to them. Empty when nobody matches.
   */
  findSubject(query: SubjectQuery): string[] {
    let seeds: string[]
    if (query.by === 'ref') {
      seeds = this.sql
        .all<{ ref_key: string }>(
          `SELECT ref_key FROM records WHERE kind = 'person' AND source = ? AND object = ? AND id = ?
           AND (? IS NULL OR account = ?)`,
          query.source,
          query.object,
          query.id,
          query.account ?? null,
          query.account ?? null,
        )
        .map((row) => row.ref_key)
    } else {
      // The same normalisation the identity graph uses, through a person holding only that detail.
      const probe: Person = {
        ref: { source: 'import', account: '-', object: 'probe', id: '-' },
        name: null,
        emails: query.by === 'email' ? [query.email] : [],
        phones: query.by === 'phone' ? [query.phone] : [],
        externalId: null,
        organisation: null,
        role: 'end_user',
        locale: null,
        links: [],
        mergedInto: null,
        deleted: false,
        createdAt: '1970-01-01T00:00:00.000Z',
        updatedAt: '1970-01-01T00:00:00.000Z',
      }
      const keys = this.identityKeys(probe).filter((k) => !k.startsWith('ref:'))
      seeds = this.sql
        .all<{ ref_key: string }>(
          'SELECT DISTINCT ref_key FROM identity_keys WHERE key IN (SELECT value FROM json_each(?))',
          JSON.stringify(keys),
        )
        .map((row) => row.ref_key)
      const email = query.by === 'email' ? normaliseEmail(query.email) : null
      if (email) {
        // People the graph leaves out (deleted, agents) still carry the address in their record.
        const named = this.sql.all<{ ref_key: string }>(
          "SELECT ref_key FROM records WHERE kind = 'person' AND instr(lower(body), ?) > 0",
          JSON.stringify(email),
        )
        seeds.push(...named.map((row) => row.ref_key))
      }
    }
    return seeds.length === 0 ? [] : subjectOf(this.sql, seeds)
  }

  /** Erases the people (keys from `findSubject`) and every record about them (erase-subject.ts). */
  eraseSubject(personKeys: readonly string[]): ErasureResult {
    return eraseSubject(this.sql, this.identityKeys, personKeys, this.clock.now())
  }

  /** Deletes everything synced from one vendor account (purge-account.ts). */
  purgeAccount(source: string, account: string): AccountPurge {
    return purgeAccount(this.sql, source, account)
  }

  // Settings

  getSettings(): TenantSettings {
    const row = this.sql.all<{ body: string }>('SELECT body FROM settings WHERE id = 1')[0]
    const body = row ? String(row.body) : null
    // Every derive batch reads the settings: validate a stored body once, hand out copies.
    if (this.parsedSettings?.body !== body) {
      const settings = TenantSettings.parse(body === null ? {} : parseJson(body))
      this.parsedSettings = { body, settings }
    }
    return structuredClone(this.parsedSettings.settings)
  }

  /**
   * New settings and every customer's members queued for re-derivation, in one transaction (the
   * friction thresholds changed: every stored view is stale). Returns the settings as stored.
   */
  replaceSettings(settings: TenantSettings): TenantSettings {
    this.sql.transaction(() => {
      this.putSettings(settings)
      customers.queueAllMembers(this.sql)
    })
    return this.getSettings()
  }

  putSettings(settings: TenantSettings): void {
    const valid = TenantSettings.parse(settings)
    this.sql.run(
      'INSERT INTO settings (id, body) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET body = excluded.body',
      JSON.stringify(valid),
    )
  }

  /** The tenant's alert rules (the defaults until an admin saves some). */
  getAlertRules(): AlertRules {
    return alerts.getAlertRules(this.sql)
  }

  putAlertRules(rules: AlertRules): void {
    alerts.putAlertRules(this.sql, rules)
  }

  /** The oldest alerts waiting for delivery, and how many wait. */
  pendingAlerts(limit = 20) {
    return alerts.pendingAlerts(this.sql, limit)
  }

  countPendingAlerts(): number {
    return alerts.countPendingAlerts(this.sql)
  }

  settleAlert(id: string, status: 'delivered' | 'failed', reason: string | null): void {
    alerts.settleAlert(this.sql, id, status, reason, this.clock.now())
  }

  /** The alert log, newest first, paged by `seq`. */
  listAlerts(page: { before?: number; limit: number }) {
    return alerts.listAlerts(this.sql, page)
  }

  getAlert(id: string) {
    return alerts.getAlert(this.sql, id)
  }

  insertTestAlert(alert: AlertCandidate): void {
    alerts.insertTestAlert(this.sql, alert, this.clock.now())
  }
}
