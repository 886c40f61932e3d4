import { isOpen, type Ticket } from '../model/index.ts'
import { DAY, MINUTE, at } from './rule.ts'

// Words that say nothing about what the ticket is about: FR/EN function words and support chatter.
const STOP_WORDS = new Set(
  (
    'the and for with from this that your you our are was were have has had not but can cant ' +
    'will would could should about into after before again still please thanks thank hello dear ' +
    'help issue issues problem problems question questions request requests ticket support urgent ' +
    'need want get got how what why when where which who does doesnt dont did its my me we us ' +
    'les des une un du de la le et en au aux pour par sur avec dans sans pas plus que qui quoi ' +
    'est sont ont mon ma mes votre vos notre nos leur leurs ce cet cette ces il elle ils elles ' +
    'nous vous je tu on bonjour merci svp stp aide probleme question demande urgent encore toujours ' +
    'fwd fw tr re ref suite concernant objet'
  ).split(' '),
)

// Tags that name a category (`category_billing`, `topic:login`…); automatic tags are too noisy.
const CATEGORY_TAG = /^(category|categorie|topic|sujet|theme|type|motif)[:_-]./i

/**
 * The words of a subject that carry its topic: accents folded, lower case, stop words and words
 * under 3 letters dropped, a plural `s` cut (so `factures` meets `facture`). Numbers of 3+ digits
 * stay: an order or invoice number is a strong topic.
 */
export function topicTokens(subject: string): Set<string> {
  const words = subject
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
  const tokens = new Set<string>()
  for (const word of words) {
    if (word.length < 3 || STOP_WORDS.has(word)) continue
    tokens.add(word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word)
  }
  return tokens
}

/**
 * Two tickets are on the same topic when they share a category tag, or when at least half of the
 * shorter subject's topic words appear in the other (overlap coefficient ≥ 0.5). Short subjects are
 * the norm in support ("Invoice missing" / "Wrong amount on invoice"), which is why the overlap is
 * measured against the shorter one rather than the union.
 */
export function sameTopic(a: Ticket, b: Ticket, tokensOf: TokensOf = topicTokens): boolean {
  const tagsA = new Set(a.tags.filter((t) => CATEGORY_TAG.test(t)).map((t) => t.toLowerCase()))
  if (b.tags.some((t) => tagsA.has(t.toLowerCase()))) return true
  const [wordsA, wordsB] = [tokensOf(a.subject), tokensOf(b.subject)]
  const smaller = Math.min(wordsA.size, wordsB.size)
  if (smaller === 0) return false
  const shared = [...wordsA].filter((w) => wordsB.has(w)).length
  return shared >= 1 && shared / smaller >= 0.5
}

type TokensOf = (subject: string) => Set<string>

/** `topicTokens` remembered per subject, for one pass over a timeline. */
function memoTokens(): TokensOf {
  const known = new Map<string, Set<string>>()
  return (subject) => {
    let tokens = known.get(subject)
    if (!tokens) known.set(subject, (tokens = topicTokens(subject)))
    return tokens
  }
}

// Two tickets in different tools opened minutes apart on one topic are one contact seen twice: a
// help desk/CRM integration copying tickets across, or one message sent to two addresses.
const MIRROR_WINDOW = 15 * MINUTE

/** Where an earlier ticket's reach ends: its solve time plus the window; never while it is open. */
function reachOf(earlier: Ticket, days: number): number {
  if (isOpen(earlier)) return Infinity
  const end = at(earlier.solvedAt ?? earlier.createdAt)
  return end + days * DAY
}

const isMirror = (earlier: Ticket, later: Ticket): boolean =>
  earlier.ref.source !== later.ref.source &&
  at(later.createdAt) - at(earlier.createdAt) <= MIRROR_WINDOW

/**
 * Whether `later` came back within `days` of the `earlier` contact: while the earlier ticket was
 * still unsolved, or within `days` after it was solved (after its creation when the solve time is
 * unknown). Both tickets must share the topic, and not be one contact mirrored into two tools.
 */
export function isFollowUp(
  earlier: Ticket,
  later: Ticket,
  days: number,
  tokensOf: TokensOf = topicTokens,
): boolean {
  const created = at(later.createdAt)
  return (
    created >= at(earlier.createdAt) &&
    created <= reachOf(earlier, days) &&
    !isMirror(earlier, later) &&
    sameTopic(earlier, later, tokensOf)
  )
}

/**
 * For each ticket, the earlier tickets it follows up, nearest first. `tickets` must be oldest first
 * (as a timeline holds them). A sweep keeps only the earlier tickets still in reach, so a long
 * history costs about its length times the tickets open or recent at each point, not its square.
 */
export function followUps(tickets: readonly Ticket[], days: number) {
  const inReach: { ticket: Ticket; reach: number }[] = []
  const found: { later: Ticket; earlier: Ticket[] }[] = []
  const tokensOf = memoTokens()
  for (const later of tickets) {
    const created = at(later.createdAt)
    for (let i = inReach.length - 1; i >= 0; i--) {
      if ((inReach[i] as { reach: number }).reach < created) inReach.splice(i, 1)
    }
    const earlier = inReach
      .map((e) => e.ticket)
      .filter((candidate) => isFollowUp(candidate, later, days, tokensOf))
      .reverse()
    if (earlier.length > 0) found.push({ later, earlier })
    inReach.push({ ticket: later, reach: reachOf(later, days) })
  }
  return found
}
