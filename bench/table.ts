/** A plain-text table: the first row is the header; cells starting with a number align right. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map((c) => String(c)))
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? []
  const line = (row: string[]) =>
    row
      .map((c, i) =>
        /^[-+]?[\d.,]+/.test(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd()
  const [head, ...body] = cells
  const rule = widths.map((w) => '-'.repeat(w)).join('  ')
  return [line(head ?? []), rule, ...body.map(line)].join('\n')
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  ms: (n: number) => (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${Math.round(n)} ms`),
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`,
  ratio: (n: number) => n.toFixed(3),
  x: (n: number) => `${n.toFixed(1)}×`,
  min: (n: number) => (n >= 120 ? `${(n / 60).toFixed(1)} h` : `${n.toFixed(1)} min`),
}
