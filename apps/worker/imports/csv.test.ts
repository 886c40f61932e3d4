import { describe, expect, it } from 'vitest'
import { CsvError, parseCsv } from './csv.ts'

describe('parseCsv (RFC 4180)', () => {
  it('splits fields and records, CRLF or LF, without a trailing empty record', () => {
    expect(parseCsv('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ])
    expect(parseCsv('a,b\n1,\n,2')).toEqual([
      ['a', 'b'],
      ['1', ''],
      ['', '2'],
    ])
  })

  it('keeps commas, line breaks and doubled quotes inside quoted fields', () => {
    const text = 'id,comment\r\n1,"Très bien, mais ""lent""\r\nà répondre"\r\n2,"",\r\n'
    expect(parseCsv(text)).toEqual([
      ['id', 'comment'],
      ['1', 'Très bien, mais "lent"\r\nà répondre'],
      ['2', '', ''],
    ])
  })

  it('drops a UTF-8 byte order mark and skips blank lines', () => {
    expect(parseCsv('\uFEFFid\n\n1\n')).toEqual([['id'], ['1']])
  })

  it('names the line of malformed quoting', () => {
    expect(() => parseCsv('a\n"open')).toThrow(
      new CsvError('line 2: a quoted field is never closed'),
    )
    expect(() => parseCsv('a\n"x"y')).toThrow(/line 2: text after a closing quote/)
    expect(() => parseCsv('a\nx"y')).toThrow(/line 2: a quote inside an unquoted field/)
  })
})
