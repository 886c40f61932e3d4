/** Countries whose national numbers can be turned into international ones safely. */
export type PhoneCountry = 'FR' | 'GB'

// Calling code and the length of a national number written with its leading trunk `0`.
const COUNTRIES: Record<PhoneCountry, { code: string; nationalLength: number }> = {
  FR: { code: '33', nationalLength: 10 },
  GB: { code: '44', nationalLength: 11 },
}

/** Fewer digits than this cannot identify a person (extensions, short codes, typos). */
export const MIN_PHONE_DIGITS = 8
const MAX_PHONE_DIGITS = 15

/**
 * A phone number as comparable text, or null when it is too short or too odd to identify anyone.
 *
 * - International forms (`+33 6 12 34 56 78`, `0033 6…`, `+33 (0)6…`) become `+33612345678`.
 * - A national form (`06 12 34 56 78`) becomes international only when a default country is given
 *   and the number has that country's exact national shape; otherwise it stays national digits
 *   (`0612345678`), which only ever matches the same national digits. Guessing a country would
 *   merge strangers whose numbers look alike in two countries.
 */
export function normalisePhone(
  raw: string,
  defaultCountry: PhoneCountry | null = null,
): string | null {
  // Drop an extension (`ext. 12`, `x12`, `poste 12`, `#12`) and the optional trunk `(0)`.
  const text = raw
    .trim()
    .replace(/\s*(ext\.?|extension|x|poste|#).*$/i, '')
    .replace(/\(0\)/g, '')
  if (/[a-z]/i.test(text)) return null
  // `(+33) 6-11-44-12-58`, `[0033] …`: the calling code is often written inside brackets.
  const lead = text.replace(/^[\s([]+/, '')
  const international = /^(\+|00)/.test(lead)
  let digits = text.replace(/\D/g, '')
  if (international) {
    if (lead.startsWith('00')) digits = digits.slice(2)
    digits = dropTrunkAfterCode(digits)
    return digits.length >= MIN_PHONE_DIGITS && digits.length <= MAX_PHONE_DIGITS
      ? `+${digits}`
      : null
  }
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return null
  const country = defaultCountry ? COUNTRIES[defaultCountry] : null
  if (country && digits.length === country.nationalLength && /^0[1-9]/.test(digits)) {
    return `+${country.code}${digits.slice(1)}`
  }
  return digits
}

// `+33 06 12 34 56 78`: people often keep the national trunk 0 after the calling code.
function dropTrunkAfterCode(digits: string): string {
  for (const { code, nationalLength } of Object.values(COUNTRIES)) {
    if (digits.startsWith(`${code}0`) && digits.length === code.length + nationalLength) {
      return code + digits.slice(code.length + 1)
    }
  }
  return digits
}
