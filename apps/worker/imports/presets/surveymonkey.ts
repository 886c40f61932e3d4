import { cell, csvRecords, PresetError, scoreOf, type SurveyPreset } from './preset.ts'

/**
 * SurveyMonkey "All individual responses" CSV export
 * (https://help.surveymonkey.com/en/surveymonkey/analyze/exporting-data/ → "All responses data",
 * CSV, expanded or condensed columns): two header rows — the first names `Respondent ID`,
 * `Collector ID`, `Start Date`, `End Date`, `IP Address`, `Email Address`, `First Name`,
 * `Last Name`, `Custom Data 1` then one column per question (its text); the second labels
 * sub-columns (`Response`, `Open-Ended Response`, answer options).
 * The score is the NPS question, found by SurveyMonkey's NPS wording ("How likely is it that you
 * would recommend…"), 0–10, numeric or "10 - Extremely likely". Dates are `MM/DD/YYYY hh:mm:ss AM`
 * in the account's time zone, which the file does not state: read as UTC (noted in the README).
 */
const NPS_QUESTION = /^how likely is it that you would recommend/i

function instant(text: string | undefined): string | undefined {
  if (!text) return undefined
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) ?(AM|PM)$/i.exec(text)
  if (!m) return text
  const [, month, day, year, hour, minute, second, half] = m
  const h = (Number(hour) % 12) + (half!.toUpperCase() === 'PM' ? 12 : 0)
  return new Date(
    Date.UTC(Number(year), Number(month) - 1, Number(day), h, Number(minute), Number(second)),
  ).toISOString()
}

export const surveymonkey: SurveyPreset = {
  name: 'surveymonkey',
  docs: 'https://help.surveymonkey.com/en/surveymonkey/analyze/exporting-data/',
  mediaType: 'text/csv',
  read(body) {
    const [header = [], labels = [], ...data] = csvRecords(body)
    const at = (name: string) => header.findIndex((h) => h.trim() === name)
    const id = at('Respondent ID')
    if (id < 0 || at('End Date') < 0) {
      throw new PresetError('not a SurveyMonkey export: no "Respondent ID" and "End Date" columns')
    }
    const nps = header.findIndex((h) => NPS_QUESTION.test(h.trim()))
    if (nps < 0) throw new PresetError('the export has no NPS question ("How likely is it…")')
    const comment = labels.findIndex((l) => l.trim() === 'Open-Ended Response')
    return data
      .filter((r) => r.some((c) => c.trim() !== ''))
      .map((r) => ({
        id: cell(r, id),
        kind: 'nps',
        score: scoreOf(cell(r, nps)),
        scale: { min: 0, max: 10 },
        comment: cell(r, comment) ?? null,
        submittedAt: instant(cell(r, at('End Date'))),
        email: cell(r, at('Email Address')),
        survey: {
          id: `surveymonkey:${cell(r, at('Collector ID')) ?? 'survey'}`,
          channel: 'surveymonkey',
        },
      }))
  },
}
