import { useEffect, useRef } from 'preact/hooks'
import uPlot from 'uplot'

/** One uPlot chart, created once per options and fed new data in place. */
export function UPlotChart(props: {
  options: Omit<uPlot.Options, 'width'>
  data: uPlot.AlignedData
}) {
  const mount = useRef<HTMLDivElement>(null)
  const chart = useRef<uPlot | null>(null)

  useEffect(() => {
    const el = mount.current!
    chart.current = new uPlot(
      { ...props.options, width: Math.max(320, el.clientWidth || 640) },
      props.data,
      el,
    )
    return () => {
      chart.current?.destroy()
      chart.current = null
    }
  }, [props.options])

  useEffect(() => {
    chart.current?.setData(props.data)
  }, [props.data])

  return <div ref={mount} />
}
