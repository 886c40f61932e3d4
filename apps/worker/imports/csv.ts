/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a quoted field may hold commas,
 * line breaks and doubled quotes (`""`). A UTF-8 byte order mark (Excel's export) is dropped, and
 * a final line break does not make an empty record.
 */
export class CsvError extends Error {
  override name = 'CsvError'
}

export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  let fieldStarted = false
  let line = 1
  let quoteLine = 1
  let i = 0
  const endField = () => {
    record.push(field)
    field = ''
    fieldStarted = false
  }
  const endRecord = () => {
    endField()
    // A blank line is no record (an empty line between records, or the trailing newline).
    if (!(record.length === 1 && record[0] === '')) records.push(record)
    record = []
  }
  while (i < input.length) {
    const ch = input[i]!
    if (quoted) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        const next = input[i]
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvError(`line ${line}: text after a closing quote`)
        }
        continue
      }
      if (ch === '\n') line++
      field += ch
      i++
      continue
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true
      quoteLine = line
      fieldStarted = true
      i++
    } else if (ch === ',') {
      endField()
      i++
    } else if (ch === '\r' && input[i + 1] === '\n') {
      endRecord()
      line++
      i += 2
    } else if (ch === '\n' || ch === '\r') {
      endRecord()
      line++
      i++
    } else {
      if (ch === '"') throw new CsvError(`line ${line}: a quote inside an unquoted field`)
      field += ch
      fieldStarted = true
      i++
    }
  }
  if (quoted) throw new CsvError(`line ${quoteLine}: a quoted field is never closed`)
  if (fieldStarted || record.length > 0) endRecord()
  return records
}
