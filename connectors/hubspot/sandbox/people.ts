import { createRng } from './prng.ts'

/**
 * One human of the generated world, as both sandboxes see them. The Zendesk sandbox and this one
 * derive their customers from the same seed, so the same people show up in both tools; pass the
 * Zendesk sandbox's list through the `people` option to join them exactly.
 */
export interface SandboxPerson {
  /** Stable across sandboxes: `p0001`… */
  key: string
  firstName: string
  lastName: string
  /** Canonical address (lower case); each tool may write it with its own case and spacing. */
  email: string
  phone: string | null
  locale: 'fr' | 'en'
}

const FIRST_FR = [
  'Amélie',
  'Éloïse',
  'Hélène',
  'Chloé',
  'Léa',
  'Inès',
  'Maëlle',
  'François',
].concat(['Jérôme', 'Théo', 'Loïc', 'Gaël', 'Raphaël', 'Benoît', 'Céline', 'Anaïs', 'Solène'])
const LAST_FR = ['Lefèvre', 'Gauthier', 'Dubois', 'Moreau', 'Laurent', 'Girard', 'Bonnet'].concat([
  'Mercier',
  'Fontaine',
  'Rousseau',
  'Noël',
  'Perrin',
  "D'Aubigné",
  'Le Goff',
  'Bélanger',
])
const FIRST_EN = [
  'Olivia',
  'Amelia',
  'Isla',
  'Grace',
  'Sophie',
  'Harriet',
  'Megan',
  'Oliver',
].concat(['George', 'Harry', 'Noah', 'Liam', 'Ethan', 'Zoë', 'Siobhan', 'Niamh', 'Mary-Jane'])
const LAST_EN = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Wilson',
  'Davies',
  'Robinson',
  'Wright',
].concat(['Evans', 'Walker', "O'Brien", 'Murphy', 'Hughes', 'Patel', 'Khan', 'McAllister'])
const MAIL_FR = ['orange.fr', 'free.fr', 'gmail.com', 'laposte.net', 'yahoo.fr']
const MAIL_EN = ['gmail.com', 'outlook.com', 'icloud.com', 'yahoo.co.uk', 'btinternet.com']

/** ASCII local part: `Éloïse D'Aubigné` → `eloise.daubigne`. */
export function emailLocalPart(first: string, last: string): string {
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
  return `${ascii(first)}.${ascii(last)}`
}

/** `count` people from `seed`; person `i` depends only on `(seed, i)`, so prefixes agree. */
export function generatePeople(seed: number, count: number): SandboxPerson[] {
  const people: SandboxPerson[] = []
  for (let i = 0; i < count; i++) {
    const rng = createRng((seed * 1_000_003 + i * 7_919) >>> 0)
    const locale = rng.chance(0.55) ? 'fr' : 'en'
    const firstName = rng.pick(locale === 'fr' ? FIRST_FR : FIRST_EN)
    const lastName = rng.pick(locale === 'fr' ? LAST_FR : LAST_EN)
    const domain = rng.pick(locale === 'fr' ? MAIL_FR : MAIL_EN)
    const digits = String(rng.int(10_000_000, 99_999_999))
    people.push({
      key: `p${String(i + 1).padStart(4, '0')}`,
      firstName,
      lastName,
      email: `${emailLocalPart(firstName, lastName)}${i + 1}@${domain}`,
      phone: rng.chance(0.7) ? (locale === 'fr' ? `+336${digits}` : `+447${digits}0`) : null,
      locale,
    })
  }
  return people
}
