import type {
  FrictionKind,
  NpsCategory,
  Severity,
  SourceRef,
  TicketPriority,
} from '../model/index.ts'
import type { Locale } from './translator.ts'

/** What both sidebars render: every text already in the agent's language, nothing left to compute. */
export interface DisplayModel {
  locale: Locale
  title: string
  header: DisplayHeader
  nps: DisplayNps
  csat: DisplayCsat
  friction: DisplayFriction
  tickets: DisplayTickets
  freshness: DisplayFreshness
  strings: { evidence: string; newTab: string; noComment: string; identities: string }
}

/** A record in a tool: label for people, url when the source gave one. */
export interface DisplayLink {
  label: string
  ref: SourceRef
  url: string | null
}

export interface DisplayHeader {
  name: string
  organisation: string | null
  emails: string[]
  phones: string[]
  identities: DisplayLink[]
}

export interface DisplayNps {
  title: string
  historyTitle: string
  now: {
    score: number
    category: NpsCategory
    categoryLabel: string
    /** "Detractor · 3/10": category in words, never colour alone. */
    text: string
    answered: string
  } | null
  trend: { delta: number; direction: 'up' | 'down' | 'flat'; text: string } | null
  chart: NpsChart
  /** Set when the customer never answered an NPS survey. */
  empty: { title: string; hint: string } | null
}

export interface NpsBand {
  category: NpsCategory
  /** Inclusive scores of the band: detractor 0–6, passive 7–8, promoter 9–10. */
  from: number
  to: number
  label: string
}

export interface NpsPoint {
  at: string
  /** Milliseconds since the epoch, for the x axis. */
  x: number
  /** The score, 0–10. */
  y: number
  category: NpsCategory
  categoryLabel: string
  date: string
  comment: string | null
  /** Everything a screen reader or a tooltip says about the point. */
  label: string
}

export interface NpsChart {
  label: string
  yMin: 0
  yMax: 10
  xMin: number
  xMax: number
  bands: NpsBand[]
  /** Oldest first. */
  points: NpsPoint[]
}

export interface CsatPoint {
  at: string
  x: number
  /** Normalised score as a percentage, 0 worst to 100 best. */
  y: number
  score: number
  max: number
  category: string
  categoryLabel: string
  date: string
  comment: string | null
  label: string
}

export interface DisplayCsat {
  title: string
  summary: string | null
  count: string
  /** Oldest first. */
  points: CsatPoint[]
  empty: string | null
}

export interface FrictionItem {
  id: string
  kind: FrictionKind
  kindLabel: string
  severity: Severity
  severityLabel: string
  open: boolean
  statusLabel: string
  since: string
  sinceText: string
  reason: string
  evidence: DisplayLink[]
}

export interface DisplayFriction {
  title: string
  openCount: number
  openCountText: string
  /** Open first, then most severe, then newest. */
  items: FrictionItem[]
  empty: string | null
}

export interface TicketItem {
  link: DisplayLink
  subject: string
  sourceLabel: string
  statusLabel: string
  priority: TicketPriority | null
  priorityLabel: string
  channelLabel: string
  opened: string
  updated: string
}

export interface DisplayTickets {
  title: string
  open: TicketItem[]
  more: string | null
  empty: string | null
}

export interface DisplayFreshness {
  title: string
  items: Array<{ source: SourceRef['source']; account: string; text: string; stale: boolean }>
  staleWarning: string | null
  empty: string | null
}
