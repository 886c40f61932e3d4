import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ResponseInput } from '../../apps/worker/imports/response-input.ts'
import { PRESET_NAMES, PRESETS, PresetError } from '../../apps/worker/imports/presets/index.ts'

const fixture = (name: string) =>
  readFileSync(
    new URL(`../../apps/worker/imports/presets/fixtures/${name}`, import.meta.url),
    'utf8',
  )

/** Every row through the route's own validation: all must pass. */
function accepted(preset: keyof typeof PRESETS, file: string) {
  return PRESETS[preset].read(fixture(file)).map((row, i) => {
    const parsed = ResponseInput.safeParse(row)
    expect(parsed.error?.issues, `${file} row ${i + 1}`).toBeUndefined()
    return parsed.data!
  })
}

const pick = (rows: ResponseInput[]) =>
  rows.map((r) => ({ id: r.id, kind: r.kind, score: r.score, scale: r.scale, at: r.submittedAt }))

describe('survey tool presets read their documented exports', () => {
  it('lists the four tools', () => {
    expect(PRESET_NAMES.sort()).toEqual(['delighted', 'qualtrics', 'surveymonkey', 'typeform'])
  })

  it('Delighted: API array and webhook event, Unix seconds, NPS 0–10 and CSAT 1–5', () => {
    const rows = accepted('delighted', 'delighted-responses.json')
    expect(pick(rows)).toEqual([
      {
        id: '5435',
        kind: 'nps',
        score: 9,
        scale: { min: 0, max: 10 },
        at: '2026-01-01T00:01:00.000Z',
      },
      {
        id: '5436',
        kind: 'nps',
        score: 3,
        scale: { min: 0, max: 10 },
        at: '2026-01-02T00:01:00.000Z',
      },
      {
        id: '5437',
        kind: 'csat',
        score: 2,
        scale: { min: 1, max: 5 },
        at: '2026-01-03T00:01:00.000Z',
      },
    ])
    expect(rows[0]!.email).toBe('charlie_gravis@example.com')
    const [event] = accepted('delighted', 'delighted-webhook.json')
    expect(event).toMatchObject({
      id: '5438',
      kind: 'nps',
      score: 6,
      updatedAt: '2026-01-04T00:11:00.000Z',
    })
    expect(() => PRESETS.delighted.read('{"event_type":"unsubscribe.created"}')).toThrow(
      PresetError,
    )
  })

  it('Delighted: a person left unexpanded names no one, so the row is refused', () => {
    const [row] = PRESETS.delighted.read(
      JSON.stringify([
        { id: '1', person: '5975', survey_type: 'nps', score: 9, created_at: 1767225660 },
      ]),
    )
    expect(ResponseInput.safeParse(row).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'email',
    ])
  })

  it('Typeform: webhook and responses page, the nps field on 0–10', () => {
    const [hook] = accepted('typeform', 'typeform-webhook.json')
    expect(hook).toMatchObject({
      id: 'a3a12ec67a1365927098a606107fac15',
      kind: 'nps',
      score: 4,
      scale: { min: 0, max: 10 },
      comment: 'The invoice was wrong twice',
      email: 'gabriel.roux@example.com',
      submittedAt: '2026-01-18T18:17:02.000Z',
    })
    const page = accepted('typeform', 'typeform-responses.json')
    expect(page.map((r) => [r.kind, r.score, r.email])).toEqual([
      ['nps', 10, 'hana.kim@example.com'],
      ['nps', 7, 'ivan.petrov@example.com'],
    ])
  })

  it('Typeform: an opinion scale without its steps has no scale, so the row is refused', () => {
    const body = JSON.parse(fixture('typeform-webhook.json'))
    body.form_response.answers[0].field.type = 'opinion_scale'
    body.form_response.definition.fields[0].type = 'opinion_scale'
    const [row] = PRESETS.typeform.read(JSON.stringify(body))
    expect(ResponseInput.safeParse(row).success).toBe(false)
    body.form_response.definition.fields[0].properties = { steps: 5, start_at_one: true }
    const [scaled] = PRESETS.typeform.read(JSON.stringify(body))
    expect(ResponseInput.parse(scaled)).toMatchObject({
      kind: 'csat',
      score: 4,
      scale: { min: 1, max: 5 },
    })
  })

  it('SurveyMonkey: two header rows, the NPS question by its wording, labelled ends', () => {
    const rows = accepted('surveymonkey', 'surveymonkey.csv')
    expect(pick(rows)).toEqual([
      {
        id: '114392741832',
        kind: 'nps',
        score: 9,
        scale: { min: 0, max: 10 },
        at: '2026-01-05T09:14:02.000Z',
      },
      {
        id: '114392755109',
        kind: 'nps',
        score: 0,
        scale: { min: 0, max: 10 },
        at: '2026-01-06T14:31:55.000Z',
      },
      {
        id: '114392760001',
        kind: 'nps',
        score: 10,
        scale: { min: 0, max: 10 },
        at: '2026-01-08T00:01:30.000Z',
      },
    ])
    expect(rows[1]!.comment).toBe('Billing errors, again')
  })

  it('Qualtrics: three header rows, Q*_NPS_GROUP, dates in the export’s time zone', () => {
    const rows = accepted('qualtrics', 'qualtrics.csv')
    expect(pick(rows)).toEqual([
      // America/Denver: UTC−7 in winter, UTC−6 in summer.
      {
        id: 'R_1dA2bC3dE4fG5hI',
        kind: 'nps',
        score: 10,
        scale: { min: 0, max: 10 },
        at: '2026-01-10T15:02:12.000Z',
      },
      {
        id: 'R_2xY3zA4bC5dE6fG',
        kind: 'nps',
        score: 4,
        scale: { min: 0, max: 10 },
        at: '2026-03-16T06:01:01.000Z',
      },
      {
        id: 'R_3pQ4rS5tU6vW7xY',
        kind: 'nps',
        score: 8,
        scale: { min: 0, max: 10 },
        at: '2026-07-01T18:01:00.000Z',
      },
    ])
    expect(rows.map((r) => r.email)).toEqual([
      'noah.martin@example.com',
      'ama.owusu@example.com',
      'min.park@example.com',
    ])
    expect(rows[1]!.comment).toBe('Waited a week, no answer')
  })

  it('refuses a file of another layout as a whole', () => {
    expect(() => PRESETS.qualtrics.read(fixture('surveymonkey.csv'))).toThrow(PresetError)
    expect(() => PRESETS.surveymonkey.read(fixture('qualtrics.csv'))).toThrow(PresetError)
    expect(() => PRESETS.typeform.read(fixture('delighted-webhook.json'))).toThrow(PresetError)
    expect(() => PRESETS.delighted.read('not json')).toThrow(PresetError)
  })
})
