/** Peak memory of this process during a phase. */
export interface MemoryPeak {
  /** RSS at the phase start and the highest sampled RSS during it (bytes). */
  rssStart: number
  rssPeak: number
  /** Highest sampled V8 heap in use, and its growth over the phase start (bytes). */
  heapPeak: number
  heapGrowth: number
  /** `process.resourceUsage().maxRSS` at the phase end: the process's lifetime peak (bytes). */
  maxRssLifetime: number
  samples: number
}

/**
 * Samples `process.memoryUsage()` every `everyMs` while the phase runs. Synchronous work (SQLite
 * writes, JSON parsing) blocks the sampler, so it also samples at each `mark()` the caller makes
 * and reads the kernel's lifetime `maxRSS` at the end.
 */
export function sampleMemory(everyMs = 20) {
  const start = process.memoryUsage()
  let rssPeak = start.rss
  let heapPeak = start.heapUsed
  let samples = 0
  const sample = () => {
    const now = process.memoryUsage()
    samples++
    if (now.rss > rssPeak) rssPeak = now.rss
    if (now.heapUsed > heapPeak) heapPeak = now.heapUsed
  }
  const timer = setInterval(sample, everyMs)
  return {
    mark: sample,
    stop(): MemoryPeak {
      clearInterval(timer)
      sample()
      return {
        rssStart: start.rss,
        rssPeak,
        heapPeak,
        heapGrowth: heapPeak - start.heapUsed,
        maxRssLifetime: process.resourceUsage().maxRSS * 1024,
        samples,
      }
    },
  }
}
