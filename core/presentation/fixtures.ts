import type {
  CustomerView,
  FrictionPoint,
  SourceRef,
  ViewResponse,
  ViewTicket,
} from '../model/index.ts'

/** Hand-written customer views shared by the presentation tests and the sidebar's browser tests. */
export const FIXTURE_NOW = Date.parse('2026-11-25T12:00:00.000Z')
const DAY = 86_400_000
const ago = (days: number): string => new Date(FIXTURE_NOW - days * DAY).toISOString()

const zd = (object: string, id: string): SourceRef => ({
  source: 'zendesk',
  account: 'acme',
  object,
  id,
  url: `https://acme.zendesk.com/agent/${object === 'ticket' ? 'tickets' : 'users'}/${id}`,
})
const hs = (object: string, id: string): SourceRef => ({
  source: 'hubspot',
  account: '4242',
  object,
  id,
  url: `https://app.hubspot.com/contacts/4242/record/0-5/${id}`,
})

function nps(id: string, daysAgo: number, score: number, comment: string | null): ViewResponse {
  return {
    ref: hs('feedback_submission', id),
    kind: 'nps',
    at: ago(daysAgo),
    score,
    scale: { min: 0, max: 10 },
    normalised: score / 10,
    category: score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor',
    comment,
    sentiment: null,
    survey: 'Relationship NPS',
    ticket: null,
  }
}

function csat(id: string, daysAgo: number, score: number): ViewResponse {
  return {
    ref: zd('satisfaction_rating', id),
    kind: 'csat',
    at: ago(daysAgo),
    score,
    scale: { min: 1, max: 5 },
    normalised: (score - 1) / 4,
    category: score >= 4 ? 'satisfied' : score === 3 ? 'neutral' : 'unsatisfied',
    comment: score <= 2 ? 'Still waiting for a real answer' : null,
    sentiment: null,
    survey: null,
    ticket: zd('ticket', '1001'),
  }
}

function ticket(
  ref: SourceRef,
  subject: string,
  daysAgo: number,
  extra: Partial<ViewTicket> = {},
): ViewTicket {
  return {
    ref,
    subject,
    status: 'open',
    sourceStatus: 'open',
    priority: 'high',
    channel: 'email',
    createdAt: ago(daysAgo),
    updatedAt: ago(daysAgo / 2),
    ...extra,
  }
}

function friction(p: Omit<FrictionPoint, 'id' | 'reason'> & { reason?: string }): FrictionPoint {
  return { id: `${p.kind}:${p.evidence[0]!.id}`, reason: p.reason ?? `${p.kind} found`, ...p }
}

/** Marie, a detractor whose NPS fell from 9 to 3, with friction open on a slow ticket. */
export const detractorView: CustomerView = {
  customer: {
    id: 'cus_marie1',
    displayName: 'Marie Dupont',
    emails: ['marie.dupont@example.fr'],
    phones: ['+33612345678'],
    organisation: { name: 'Boulangerie Dupont', ref: zd('organization', '77') },
    identities: [zd('user', '501'), hs('contact', '9001')],
  },
  nps: {
    responses: [
      nps('f1', 400, 9, 'Great service'),
      nps('f2', 200, 8, null),
      nps('f3', 90, 6, 'Slower than before'),
      nps('f4', 3, 3, 'Nobody answers my emails'),
    ],
    latest: { score: 3, category: 'detractor', at: ago(3) },
    trend: -3,
  },
  csat: {
    responses: [csat('c1', 60, 5), csat('c2', 10, 2)],
    satisfiedPercent: 50,
    recentSatisfiedPercent: 0,
    averageNormalised: 0.625,
  },
  ces: { responses: [], averageNormalised: null },
  tickets: {
    open: [
      ticket(zd('ticket', '1001'), 'Invoice still wrong', 5, { priority: 'urgent' }),
      ticket(hs('ticket', '3003'), 'Refund request', 12, {
        channel: 'chat',
        priority: null,
        status: 'pending',
      }),
    ],
    recent: [],
    total: 7,
  },
  friction: [
    friction({
      kind: 'low_csat',
      severity: 'medium',
      since: ago(10),
      open: false,
      params: { survey: 'csat', score: 2, min: 1, max: 5 },
      evidence: [zd('satisfaction_rating', 'c2')],
    }),
    friction({
      kind: 'nps_drop',
      severity: 'high',
      since: ago(3),
      open: true,
      params: { from: 6, to: 3 },
      reason: 'NPS fell from 6 to 3',
      evidence: [hs('feedback_submission', 'f4')],
    }),
    friction({
      kind: 'waiting_too_long',
      severity: 'critical',
      since: ago(4),
      open: true,
      params: { hours: 96 },
      evidence: [zd('ticket', '1001')],
    }),
    friction({
      kind: 'nps_detractor',
      severity: 'high',
      since: ago(1),
      open: true,
      params: { score: 3 },
      evidence: [hs('feedback_submission', 'f4'), zd('ticket', '1001')],
    }),
  ],
  freshness: [
    { source: 'zendesk', account: 'acme', lastSyncedAt: ago(0.01) },
    { source: 'hubspot', account: '4242', lastSyncedAt: ago(2) },
  ],
  generatedAt: ago(0.01),
}

/** Léo: known in Zendesk only, never surveyed, nothing open. */
export const quietView: CustomerView = {
  customer: {
    id: 'cus_leo2',
    displayName: 'Léo Martin',
    emails: ['leo@example.com'],
    phones: [],
    organisation: null,
    identities: [zd('user', '502')],
  },
  nps: { responses: [], latest: null, trend: null },
  csat: {
    responses: [],
    satisfiedPercent: null,
    recentSatisfiedPercent: null,
    averageNormalised: null,
  },
  ces: { responses: [], averageNormalised: null },
  tickets: { open: [], recent: [], total: 0 },
  friction: [],
  freshness: [{ source: 'zendesk', account: 'acme', lastSyncedAt: ago(0.01) }],
  generatedAt: ago(0.01),
}

function group(
  n: number,
  fields: Partial<NonNullable<CustomerView['focus']>['groups'][number]> = {},
): NonNullable<CustomerView['focus']>['groups'][number] {
  const ref = zd('ticket', String(2000 + n))
  return {
    id: `group:waiting_too_long:${ref.id}`,
    priority: 50 - n,
    severity: 'medium',
    kinds: ['waiting_too_long'],
    points: [`waiting_too_long:${ref.id}`],
    topic: `Order ${n} missing`,
    since: ago(10 + n),
    lastActivityAt: ago(2 + n),
    contacts: 1,
    why: { kind: 'waiting_too_long', reason: 'Waiting', params: { hours: 50 + n } },
    nextStep: { action: 'answer_waiting', ticket: ref },
    evidence: [ref],
    ...fields,
  }
}

/** Marie again, derived with ranked focus and verbatims: 12 groups (10 kept), 7 stale points. */
export const focusedView: CustomerView = {
  ...detractorView,
  focus: {
    groups: [
      group(0, {
        id: 'group:waiting_too_long:1001',
        priority: 131.2,
        severity: 'critical',
        kinds: ['waiting_too_long', 'nps_detractor', 'nps_drop'],
        points: ['waiting_too_long:1001', 'nps_detractor:f4', 'nps_drop:f4'],
        topic: 'Refund still missing',
        contacts: 3,
        lastActivityAt: ago(1),
        why: {
          kind: 'waiting_too_long',
          reason: 'Waiting on us for 96 hours',
          params: { hours: 96 },
        },
        nextStep: { action: 'answer_waiting', ticket: zd('ticket', '1001') },
        evidence: [zd('ticket', '1001'), hs('feedback_submission', 'f4'), zd('ticket', '998')],
      }),
      group(1, {
        severity: 'high',
        kinds: ['escalation'],
        why: { kind: 'escalation', reason: 'Escalated', params: { tag: 'escalade', priority: '' } },
        nextStep: { action: 'own_escalation', ticket: zd('ticket', '2001') },
      }),
      group(2, {
        topic: null,
        kinds: ['nps_detractor'],
        why: { kind: 'nps_detractor', reason: 'NPS 3', params: { score: 3 } },
        nextStep: { action: 'close_nps_loop', ticket: null },
        contacts: 0,
        evidence: [hs('feedback_submission', 'f9')],
      }),
      ...Array.from({ length: 7 }, (_, i) => group(i + 3)),
    ],
    total: 12,
    agedOut: 7,
    risk: {
      level: 'at_risk',
      reasons: [
        { code: 'critical_friction', params: { count: 1 } },
        { code: 'nps_falling', params: { from: 6, to: 3 } },
      ],
    },
  },
  verbatims: {
    items: [
      {
        ref: hs('feedback_submission', 'f4'),
        kind: 'nps',
        at: ago(1),
        score: 3,
        scale: { min: 0, max: 10 },
        comment: 'Facturé deux fois et toujours pas remboursé',
        language: 'fr',
        themes: ['billing', 'unresolved'],
        ticket: null,
      },
    ],
    total: 3,
  },
}
