import type { Ticket } from '../model/index.ts'

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
    'fwd fw tr re ref suite concernant objet ' +
    // Outcome words any topic can carry: "Colis non reçu" and "Code non reçu" differ by the rest.
    'not never no non jamais always received receive arrive arrives arrived working work works ' +
    'recu recue recus marche fonctionne cannot unable impossible'
  ).split(' '),
)

/** Truncation stemming: `facturation`/`facture`, `waiting`/`waited` meet on their first 6 letters. */
const STEM_LENGTH = 6

/**
 * The words of a subject that carry its topic: accents folded, lower case, stop words and words
 * under 3 letters dropped, words cut to 6 letters (a crude stemmer that works for French and
 * English alike), a plural `s` cut from shorter ones. Numbers of 3+ digits stay whole: an order or
 * invoice number is a strong topic.
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
    if (/^\d+$/.test(word)) tokens.add(word)
    else if (word.length > STEM_LENGTH) tokens.add(word.slice(0, STEM_LENGTH))
    else tokens.add(word.length > 4 && word.endsWith('s') ? word.slice(0, -1) : word)
  }
  return tokens
}

// Tags that describe the ticket's state, channel or language rather than its topic.
const STATE_TAGS = new Set(
  (
    'reopened closed_by_merge merged spam vip urgent escalation escalated escalade follow_up ' +
    'followup relance csat nps survey satisfaction offered unoffered good bad web_widget ' +
    'mobile_sdk email web chat voice phone api twitter facebook whatsapp messaging sms form'
  ).split(' '),
)
const LANGUAGE_TAG = /^[a-z]{2}([-_][a-z]{2})?$/i

/**
 * Two tickets' topic, as a function: built once per timeline, because whether a tag names a topic
 * depends on the customer. A shared tag counts unless it describes state, channel or language, or
 * it is on every one of the customer's tickets (3 or more): Zendesk-style user and organisation
 * tags (`premium`, `enterprise`) ride on all of a customer's tickets and say nothing about topics.
 * Without a shared topic tag, subjects match when at least half of the shorter one's topic words
 * appear in the other (overlap coefficient ≥ 0.5): support subjects are short ("Invoice missing" /
 * "Wrong amount on invoice"), so the overlap is measured against the shorter one, not the union.
 */
export function topicMatcher(
  tickets: readonly Ticket[],
  options: { ignoreTags?: readonly string[] } = {},
): (a: Ticket, b: Ticket) => boolean {
  const ignored = new Set([...STATE_TAGS, ...(options.ignoreTags ?? []).map(normaliseTag)])
  if (tickets.length >= 3) {
    const [first, ...rest] = tickets.map((t) => new Set(t.tags.map(normaliseTag)))
    for (const tag of first ?? []) if (rest.every((tags) => tags.has(tag))) ignored.add(tag)
  }
  const isTopicTag = (tag: string) => !ignored.has(tag) && !LANGUAGE_TAG.test(tag)
  const memo = new Map<string, Set<string>>()
  const tokensOf = (subject: string) => {
    let tokens = memo.get(subject)
    if (!tokens) memo.set(subject, (tokens = topicTokens(subject)))
    return tokens
  }
  return (a, b) => {
    const tagsA = new Set(a.tags.map(normaliseTag).filter(isTopicTag))
    if (b.tags.some((tag) => tagsA.has(normaliseTag(tag)))) return true
    const [wordsA, wordsB] = [tokensOf(a.subject), tokensOf(b.subject)]
    const smaller = Math.min(wordsA.size, wordsB.size)
    if (smaller === 0) return false
    const shared = [...wordsA].filter((w) => wordsB.has(w)).length
    return shared / smaller >= 0.5
  }
}

/** Whether two tickets share a topic, judged without the rest of the customer's history. */
export const sameTopic = (a: Ticket, b: Ticket): boolean => topicMatcher([a, b])(a, b)

const normaliseTag = (tag: string): string => tag.trim().toLowerCase()
