import { describe, expect, it } from 'vitest'
import { generateAccount } from './generate.ts'

const small = { users: 300, tickets: 2000 }
const snapshot = (a: ReturnType<typeof generateAccount>) =>
  JSON.stringify([
    [...a.users.values()],
    [...a.tickets.values()],
    [...a.metricSets.values()],
    [...a.ratings.values()],
    [...a.surveyResponses.values()],
    [...a.organizations.values()],
  ])

describe('generateAccount', () => {
  it('gives the same account for the same seed and another for another seed', () => {
    expect(snapshot(generateAccount({ ...small, seed: 7 }))).toBe(
      snapshot(generateAccount({ ...small, seed: 7 })),
    )
    expect(snapshot(generateAccount({ ...small, seed: 7 }))).not.toBe(
      snapshot(generateAccount({ ...small, seed: 8 })),
    )
  })

  it('generates the requested volumes', () => {
    const a = generateAccount(small)
    expect(a.tickets.size).toBe(2000)
    expect(a.users.size).toBe(300)
    expect(a.organizations.size).toBeGreaterThan(3)
  })

  const account = generateAccount()
  const tickets = [...account.tickets.values()]
  const users = [...account.users.values()]

  it('mixes French and English customers with accents, e-mails and phones', () => {
    expect(users.some((u) => /[éèêëïîôœçàâäù]/i.test(u.name))).toBe(true)
    expect(
      users.some((u) => u.locale === 'fr') && users.some((u) => u.locale.startsWith('en')),
    ).toBe(true)
    expect(users.filter((u) => u.phone).length).toBeGreaterThan(users.length * 0.2)
    expect(users.some((u) => u.email === null)).toBe(true)
    expect(new Set(users.map((u) => u.role))).toEqual(new Set(['admin', 'agent', 'end-user']))
  })

  it('covers channels, priorities, statuses, escalations and three years', () => {
    expect(new Set(tickets.map((t) => t.via.channel))).toEqual(
      new Set([
        'email',
        'web',
        'chat',
        'voice',
        'api',
        'mobile',
        'native_messaging',
        'any_channel',
        'twitter',
      ]),
    )
    expect(new Set(tickets.map((t) => t.priority))).toEqual(
      new Set([null, 'low', 'normal', 'high', 'urgent']),
    )
    expect(new Set(tickets.map((t) => t.status))).toEqual(
      new Set(['new', 'open', 'pending', 'hold', 'solved', 'closed', 'deleted']),
    )
    expect(tickets.filter((t) => t.tags.includes('escalation')).length).toBeGreaterThan(100)
    const years = new Set(tickets.map((t) => t.created_at.slice(0, 4)))
    expect(years.size).toBeGreaterThanOrEqual(3)
    expect(tickets.some((t) => /[éèàç]/.test(t.subject))).toBe(true)
  })

  it('has slow first replies, reopens and repeat contacts on one topic within days', () => {
    const metrics = [...account.metricSets.values()]
    expect(
      metrics.filter((m) => (m.reply_time_in_minutes.calendar ?? 0) > 24 * 60).length,
    ).toBeGreaterThan(100)
    expect(metrics.filter((m) => m.reopens > 0).length).toBeGreaterThan(100)
    const byRequesterTopic = new Map<string, number[]>()
    for (const t of tickets) {
      const key = `${t.requester_id}:${t.tags[0]}`
      byRequesterTopic.set(key, [...(byRequesterTopic.get(key) ?? []), Date.parse(t.created_at)])
    }
    const repeats = [...byRequesterTopic.values()].filter((times) =>
      times.some((t, i) => i > 0 && t - (times[i - 1] as number) < 5 * 86_400_000),
    )
    expect(repeats.length).toBeGreaterThan(100)
  })

  it('ties ticket timestamps where automations close tickets in hourly runs', () => {
    const counts = new Map<number, number>()
    for (const t of tickets)
      counts.set(t.generated_timestamp, (counts.get(t.generated_timestamp) ?? 0) + 1)
    expect([...counts.values()].some((n) => n > 1)).toBe(true)
  })

  it('has legacy ratings and survey responses on 2-, 3- and 5-point scales', () => {
    const scores = new Set([...account.ratings.values()].map((r) => r.score))
    expect(scores).toEqual(new Set(['offered', 'good', 'bad']))
    const versions = new Set([...account.surveyResponses.values()].map((r) => r.survey_version))
    expect(versions).toEqual(new Set([1, 2, 3]))
    expect(account.surveyVersions.map((v) => v.points)).toEqual([2, 3, 5])
    const types = new Set(
      [...account.surveyResponses.values()].flatMap((r) => r.answers.map((a) => a.type)),
    )
    expect(types).toEqual(new Set(['rating_scale', 'closed_ended', 'open_ended', 'skipped']))
  })
})
