import type {
  FrictionKind,
  NextStepAction,
  NpsCategory,
  RiskLevel,
  VerbatimTheme,
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
  /** The open friction ranked and grouped: top 3, the rest behind "N more", the customer's risk. */
  focus: DisplayFocus
  verbatims: DisplayVerbatims
  tickets: DisplayTickets
  freshness: DisplayFreshness
  strings: {
    evidence: string
    newTab: string
    noComment: string
    identities: string
    nextStep: string
    less: string
  }
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

export interface DisplayRisk {
  level: RiskLevel
  /** "At risk": in words, never colour alone. */
  label: string
  /** "Customer risk: At risk", for the badge's accessible name. */
  title: string
  reasons: string[]
}

/** One group of friction points, as the agent acts on it. */
export interface FocusItem {
  id: string
  severity: Severity
  severityLabel: string
  /** The ticket subject it is about, or its lead kind's label. */
  title: string
  /** One line: the lead finding. */
  why: string
  /** "Also: Escalation, Slow first reply"; null when the group has one kind. */
  also: string | null
  /**
   * `text` in full; when it names a ticket, `before` + the ticket's link + `after` make the same
   * line with the ticket clickable. `ticket` is null when the step names none.
   */
  nextStep: {
    action: NextStepAction
    text: string
    ticket: DisplayLink | null
    before: string
    after: string
  }
  /** "3 tickets · last activity 2 days ago" */
  meta: string
  lastActivityAt: string
  evidence: DisplayLink[]
}

export interface DisplayFocus {
  title: string
  /** Null for a view derived before risk existed. */
  risk: DisplayRisk | null
  /** The first three. */
  top: FocusItem[]
  /** The rest the view holds, behind `moreText`. */
  more: FocusItem[]
  /** "4 more"; null when nothing is beyond the top 3. */
  moreText: string | null
  /** Groups past the view's cap: counted, not listed. */
  beyondText: string | null
  /** Stale open points left out of the ranking. */
  agedOutText: string | null
  empty: string | null
}

export interface VerbatimItem {
  id: string
  link: DisplayLink
  /** "NPS 3/10" */
  scoreText: string
  category: string
  date: string
  comment: string
  /** The comment's language, for `lang` on its element. */
  language: 'en' | 'fr' | null
  themes: Array<{ theme: VerbatimTheme; label: string }>
}

export interface DisplayVerbatims {
  title: string
  items: VerbatimItem[]
  more: string | null
  themesLabel: string
  empty: string | null
}
