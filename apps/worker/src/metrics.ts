// Prometheus metrics of one worker process, rendered in the text exposition format at /metrics.
// Hand-rolled (counters, a gauge, one histogram): a client library would be more code than this.
type Labels = Record<string, string>

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

export type Metrics = ReturnType<typeof createMetrics>

export function createMetrics(prefix = 'gamenight_worker_') {
  const counters = new Map<string, { help: string; values: Map<string, number> }>()
  const counter = (name: string, help: string) => {
    const c = { help, values: new Map<string, number>() }
    counters.set(prefix + name, c)
    return (labels: Labels = {}, by = 1) => {
      const k = labelText(labels)
      c.values.set(k, (c.values.get(k) ?? 0) + by)
    }
  }
  const hist = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }
  let inFlight = 0

  const m = {
    /** Games this worker saw end, by final status (won/failed). */
    gameFinished: counter('games_finished_total', 'AI games this worker saw end, by status'),
    /** Moves this worker committed through PATCH. */
    move: counter(
      'moves_total',
      'AI moves PATCHed by this worker that advanced the game (a move another worker made at the same instant may count on both)',
    ),
    conflict: counter('conflicts_total', 'PATCHes refused with 409 VERSION_CONFLICT (another worker moved)'),
    reclaim: counter('reclaims_total', 'Stream entries reclaimed from idle consumers (XAUTOCLAIM)'),
    deadLetter: counter('dead_letters_total', 'Entries moved to the dead-letter stream'),
    stepError: counter('step_errors_total', 'Turns that failed and were left pending for redelivery, by kind'),
    sweptGame: counter('swept_games_total', 'Unfinished AI games re-enqueued by the sweeper'),
    groupRepair: counter('group_repairs_total', 'Consumer groups recreated after NOGROUP'),
    /** Seconds from reading the game to the committed PATCH (inference + HTTP; no watch delay). */
    observeMove(seconds: number) {
      hist.sum += seconds
      hist.count++
      BUCKETS.forEach((b, i) => {
        if (seconds <= b) hist.counts[i]!++
      })
    },
    setInFlight(n: number) {
      inFlight = n
    },
    render(): string {
      const out: string[] = []
      for (const [name, c] of counters) {
        out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`)
        if (c.values.size === 0) out.push(`${name} 0`)
        for (const [k, v] of c.values) out.push(`${name}${k} ${v}`)
      }
      const g = `${prefix}in_flight`
      out.push(`# HELP ${g} Stream entries this worker holds right now`, `# TYPE ${g} gauge`, `${g} ${inFlight}`)
      const h = `${prefix}move_duration_seconds`
      out.push(`# HELP ${h} Time to make one AI move: GET game, infer, PATCH`, `# TYPE ${h} histogram`)
      for (const [i, b] of BUCKETS.entries()) out.push(`${h}_bucket{le="${b}"} ${hist.counts[i]}`)
      out.push(`${h}_bucket{le="+Inf"} ${hist.count}`, `${h}_sum ${hist.sum}`, `${h}_count ${hist.count}`)
      return `${out.join('\n')}\n`
    },
  }
  return m
}

function labelText(labels: Labels): string {
  const parts = Object.entries(labels).map(
    ([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
  )
  return parts.length ? `{${parts.join(',')}}` : ''
}
