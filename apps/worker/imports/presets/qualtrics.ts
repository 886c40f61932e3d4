import { cell, csvRecords, PresetError, scoreOf, type SurveyPreset } from './preset.ts'

/**
 * Qualtrics response export, CSV
 * (https://www.qualtrics.com/support/survey-platform/data-and-analysis-module/data/download-data/understanding-your-dataset/):
 * three header rows — field ids (`StartDate`, `EndDate`, `Status`, …, `RecordedDate`,
 * `ResponseId`, `RecipientEmail`, …, `Q1`, `Q1_NPS_GROUP`…), question texts, then an ImportId
 * JSON per column (`{"ImportId":"recordedDate","timeZone":"America/Denver"}`).
 * The score is the NPS question: the column `X` next to which Qualtrics adds `X_NPS_GROUP`
 * (0–10, numeric values export). Dates are `YYYY-MM-DD HH:MM:SS` in the ImportId's `timeZone`;
 * a file without one is refused (strict: the wall-clock time names no instant).
 */
function zoneOf(importRow: readonly string[], index: number): string | null {
  try {
    const parsed = JSON.parse(importRow[index] ?? '') as { timeZone?: unknown }
    return typeof parsed.timeZone === 'string' ? parsed.timeZone : null
  } catch {
    return null
  }
}

/** A wall-clock time in an IANA zone → the instant (the zone's offset at that moment). */
function instantIn(text: string | undefined, zone: string): string | undefined {
  if (!text) return undefined
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text)
  if (!m) return text
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s)
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(at)
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
    const local = Date.UTC(
      get('year'),
      get('month') - 1,
      get('day'),
      get('hour'),
      get('minute'),
      get('second'),
    )
    return local - at
  }
  // Twice: the offset at the guess, then at the corrected instant (a DST change in between).
  const first = asUtc - offset(asUtc)
  return new Date(asUtc - offset(first)).toISOString()
}

export const qualtrics: SurveyPreset = {
  name: 'qualtrics',
  docs: 'https://www.qualtrics.com/support/survey-platform/data-and-analysis-module/data/download-data/understanding-your-dataset/',
  mediaType: 'text/csv',
  read(body) {
    const [ids = [], , importIds = [], ...data] = csvRecords(body)
    const at = (name: string) => ids.findIndex((h) => h.trim() === name)
    const [id, recorded] = [at('ResponseId'), at('RecordedDate')]
    if (id < 0 || recorded < 0) {
      throw new PresetError('not a Qualtrics export: no "ResponseId" and "RecordedDate" columns')
    }
    const group = ids.findIndex((h) => h.trim().endsWith('_NPS_GROUP'))
    if (group < 0) throw new PresetError('the export has no NPS question (no *_NPS_GROUP column)')
    const nps = at(ids[group]!.trim().slice(0, -'_NPS_GROUP'.length))
    if (nps < 0) throw new PresetError(`no column ${ids[group]!.trim()} belongs to`)
    const zone = zoneOf(importIds, recorded)
    if (!zone) throw new PresetError('the third header row gives RecordedDate no timeZone')
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone })
    } catch {
      throw new PresetError(`unknown time zone ${zone}`)
    }
    // The first text-entry question after the NPS one carries the comment when there is one.
    const comment = ids.findIndex((h, i) => i > group && /^Q\d+(_TEXT)?$/.test(h.trim()))
    return data
      .filter((r) => r.some((c) => c.trim() !== ''))
      .map((r) => ({
        id: cell(r, id),
        kind: 'nps',
        score: scoreOf(cell(r, nps)),
        scale: { min: 0, max: 10 },
        comment: cell(r, comment) ?? null,
        submittedAt: instantIn(cell(r, recorded), zone),
        email: cell(r, at('RecipientEmail')),
        survey: { id: 'qualtrics', channel: cell(r, at('DistributionChannel')) ?? 'qualtrics' },
      }))
  },
}
