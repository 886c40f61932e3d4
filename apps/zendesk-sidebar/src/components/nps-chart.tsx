import { useState } from 'preact/hooks'
import type { NpsChart as Chart, NpsPoint } from '../../../../core/presentation/index.ts'

const W = 300
const H = 150
const PAD = { left: 22, right: 8, top: 8, bottom: 20 }
const PLOT_W = W - PAD.left - PAD.right
const PLOT_H = H - PAD.top - PAD.bottom

const y = (score: number): number => PAD.top + PLOT_H * (1 - score / 10)

function xOf(chart: Chart, p: NpsPoint): number {
  if (chart.xMax === chart.xMin) return PAD.left + PLOT_W / 2
  return PAD.left + (PLOT_W * (p.x - chart.xMin)) / (chart.xMax - chart.xMin)
}

/** Shape as well as colour tells the category: circle promoter, square passive, triangle detractor. */
function Marker({ p, cx, cy }: { p: NpsPoint; cx: number; cy: number }) {
  if (p.category === 'promoter') return <circle cx={cx} cy={cy} r={5} />
  if (p.category === 'passive') return <rect x={cx - 4.5} y={cy - 4.5} width={9} height={9} />
  return <polygon points={`${cx},${cy - 6} ${cx + 6},${cy + 4.5} ${cx - 6},${cy + 4.5}`} />
}

/** Inline SVG: 0–10 axis, the three NPS bands, one focusable point per answer with its comment. */
export function NpsChart({ chart }: { chart: Chart }) {
  const [active, setActive] = useState<number | null>(null)
  const coords = chart.points.map((p) => ({ p, cx: xOf(chart, p), cy: y(p.y) }))
  const shown = active === null ? null : chart.points[active]
  return (
    <figure class="cx-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={chart.label} data-chart="nps">
        {chart.bands.map((b) => {
          const top = y(Math.min(10, b.to + 0.5))
          const bottom = y(Math.max(0, b.from - 0.5))
          return (
            <g key={b.category} class={`cx-band cx-band-${b.category}`} aria-hidden="true">
              <rect x={PAD.left} y={top} width={PLOT_W} height={bottom - top} />
              <text x={W - PAD.right - 3} y={top + 10} text-anchor="end">
                {b.label}
              </text>
            </g>
          )
        })}
        <g class="cx-axis" aria-hidden="true">
          {[0, 5, 10].map((tick) => (
            <text key={tick} x={PAD.left - 5} y={y(tick) + 3.5} text-anchor="end">
              {tick}
            </text>
          ))}
          {coords.length > 0 && (
            <>
              <text x={PAD.left} y={H - 5} text-anchor="start">
                {coords[0]!.p.date}
              </text>
              {coords.length > 1 && (
                <text x={W - PAD.right} y={H - 5} text-anchor="end">
                  {coords[coords.length - 1]!.p.date}
                </text>
              )}
            </>
          )}
        </g>
        {coords.length > 1 && (
          <polyline
            class="cx-line"
            aria-hidden="true"
            points={coords.map((c) => `${c.cx},${c.cy}`).join(' ')}
          />
        )}
        {coords.map(({ p, cx, cy }, i) => (
          <g
            key={p.at + i}
            class={`cx-point cx-${p.category}`}
            tabIndex={0}
            role="img"
            aria-label={p.label}
            data-point={p.category}
            onFocus={() => setActive(i)}
            onBlur={() => setActive(null)}
            onMouseEnter={() => setActive(i)}
            onMouseLeave={() => setActive(null)}
          >
            <title>{p.label}</title>
            <Marker p={p} cx={cx} cy={cy} />
          </g>
        ))}
      </svg>
      <figcaption class="cx-tip" aria-live="polite" data-tip={shown ? 'on' : 'off'}>
        {shown ? shown.label : '\u00a0'}
      </figcaption>
    </figure>
  )
}
