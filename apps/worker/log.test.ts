import { afterEach, describe, expect, it } from 'vitest'
import { log, scrub, setLogSink } from './log.ts'

afterEach(() => setLogSink(null))

describe('log', () => {
  it('writes one JSON line with the ids, level and event', () => {
    const lines: string[] = []
    setLogSink((_level, line) => lines.push(line))
    log('info', 'slice_done', { tenantId: 't1', connectionId: 'con_1', runId: 3, requests: 4 })
    expect(lines).toHaveLength(1)
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 'info',
      event: 'slice_done',
      tenantId: 't1',
      connectionId: 'con_1',
      runId: 3,
      requests: 4,
    })
  })

  it('never writes an email address or a credential found in free text', () => {
    const text =
      'GET /users?email=jane.doe@private.example failed; Authorization: Bearer abc.def-123 ' +
      'key cxl_t123_SECRETSECRET token=s3cr3t&x=1 Basic dXNlcjpwYXNz'
    const out = scrub(text)
    for (const secret of ['jane.doe', 'private.example', 'abc.def-123', 'SECRETSECRET', 's3cr3t']) {
      expect(out).not.toContain(secret)
    }
    expect(out).not.toContain('dXNlcjpwYXNz')
    expect(out).toContain('GET /users')
  })
})
