/**
 * The comparable form of an email address, or null when the text is not an address.
 *
 * Only case and wrapping are removed. Dots and `+tags` are kept on purpose: they are significant on
 * most mail servers (only some providers ignore them), and `team+alice@` / `team+bob@` can be two
 * people. A false merge shows one customer's history to another customer's agent; a missed merge
 * only shows two views. Misses are the cheaper error.
 */
export function normaliseEmail(raw: string): string | null {
  let text = raw.trim()
  // `Jane Doe <jane@x.com>`: keep what the angle brackets hold.
  const bracketed = /<([^<>]*)>/.exec(text)
  if (bracketed) text = bracketed[1] ?? ''
  text = text
    .trim()
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase()
  const at = text.indexOf('@')
  if (at <= 0 || at !== text.lastIndexOf('@')) return null
  const domain = text.slice(at + 1)
  if (!/^[^\s@]+\.[^\s@.]+$/.test(domain) || /\s/.test(text)) return null
  return text
}
