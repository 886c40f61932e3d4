import {
  refKey,
  type Organisation,
  type Person,
  type SurveyResponse,
  type Ticket,
} from '../model/index.ts'
import { hasSoundScore } from '../model/bounds.ts'
import type { SqlPort } from './port.ts'
import { jsonList, parseJson } from './rows.ts'

/** What a customer's derive reads besides its people. */
export interface ClusterRecords {
  tickets: Ticket[]
  responses: SurveyResponse[]
  organisations: Organisation[]
}

/**
 * The records of several clusters (a derive batch's customers), one query per kind for them all
 * instead of three per customer: each cluster gets exactly what `loadTicketsOf`, `loadResponsesOf`
 * (with its live tickets) and `loadOrganisations` (with its people's organisations) return, in
 * the same order (by ref key). Clusters are disjoint sets of people.
 */
export function loadClusterRecords(
  sql: SqlPort,
  clusters: readonly (readonly Person[])[],
): ClusterRecords[] {
  const out: ClusterRecords[] = clusters.map(() => ({
    tickets: [],
    responses: [],
    organisations: [],
  }))
  const clusterOfPerson = new Map<string, number>()
  const orgClusters = new Map<string, Set<number>>()
  clusters.forEach((cluster, i) => {
    for (const person of cluster) {
      clusterOfPerson.set(refKey(person.ref), i)
      if (!person.organisation) continue
      const key = refKey(person.organisation)
      const set = orgClusters.get(key) ?? new Set()
      orgClusters.set(key, set.add(i))
    }
  })
  if (clusterOfPerson.size === 0) return out

  const clusterOfTicket = new Map<string, number>()
  const tickets = sql.all<{ ref_key: string; requester_key: string; body: string }>(
    `SELECT ref_key, requester_key, body FROM records WHERE kind = 'ticket' AND deleted = 0
     AND requester_key IN (SELECT value FROM json_each(?)) ORDER BY ref_key`,
    jsonList(clusterOfPerson.keys()),
  )
  for (const row of tickets) {
    const i = clusterOfPerson.get(row.requester_key)!
    clusterOfTicket.set(row.ref_key, i)
    out[i]!.tickets.push(parseJson<Ticket>(row.body))
  }

  const responses = sql.all<{
    respondent_key: string | null
    ticket_key: string | null
    body: string
  }>(
    `SELECT respondent_key, ticket_key, body FROM records WHERE kind = 'survey_response'
     AND deleted = 0 AND (respondent_key IN (SELECT value FROM json_each(?))
       OR ticket_key IN (SELECT value FROM json_each(?))) ORDER BY ref_key`,
    jsonList(clusterOfPerson.keys()),
    jsonList(clusterOfTicket.keys()),
  )
  for (const row of responses) {
    const owners = new Set<number>()
    const byRespondent = row.respondent_key ? clusterOfPerson.get(row.respondent_key) : undefined
    const byTicket = row.ticket_key ? clusterOfTicket.get(row.ticket_key) : undefined
    if (byRespondent !== undefined) owners.add(byRespondent)
    if (byTicket !== undefined) owners.add(byTicket)
    // Each customer parses its own copy, as a query per customer did.
    for (const i of owners) out[i]!.responses.push(parseJson<SurveyResponse>(row.body))
  }
  // A row stored before the bounds (core/model/bounds.ts) existed must not poison every derive.
  for (const records of out) records.responses = records.responses.filter(hasSoundScore)

  if (orgClusters.size > 0) {
    const orgs = sql.all<{ ref_key: string; body: string }>(
      `SELECT ref_key, body FROM records WHERE kind = 'organisation'
       AND ref_key IN (SELECT value FROM json_each(?)) ORDER BY ref_key`,
      jsonList(orgClusters.keys()),
    )
    for (const row of orgs) {
      for (const i of orgClusters.get(row.ref_key) ?? []) {
        out[i]!.organisations.push(parseJson<Organisation>(row.body))
      }
    }
  }
  return out
}
