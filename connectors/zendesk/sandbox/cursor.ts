/**
 * Opaque cursors shaped like Zendesk's (base64 of `1576613539.0||467|`): a timestamp and the last
 * id seen. Clients must treat them as opaque.
 */
export interface ExportPosition {
  ts: number
  id: number
}

export function encodeExportCursor(p: ExportPosition): string {
  return Buffer.from(`${p.ts}.0||${p.id}|`).toString('base64')
}

export function decodeExportCursor(cursor: string): ExportPosition | null {
  const text = Buffer.from(cursor, 'base64').toString('utf8')
  const match = /^(\d+)\.0\|\|(\d+)\|$/.exec(text)
  return match ? { ts: Number(match[1]), id: Number(match[2]) } : null
}

/** List-endpoint cursors (`page[after]`): base64url of the last item's sort key. */
export function encodeListCursor(key: string | number): string {
  return Buffer.from(String(key)).toString('base64url')
}

export function decodeListCursor(cursor: string): string | null {
  const text = Buffer.from(cursor, 'base64url').toString('utf8')
  return text.length > 0 && /^[\w.:-]+$/.test(text) ? text : null
}
