// Prometheus metrics of one worker process (prom-client, served at /metrics with the process
// metrics): what the turn loop does, counted where it happens.
import { Counter, createRegistry, Gauge, Histogram, type Registry } from '@gamenight/runtime'

type Labels = Record<string, string>

export type Metrics = ReturnType<typeof createMetrics>

export function createMetrics(prefix = 'gamenight_worker_') {
  const registry: Registry = createRegistry()
  const counter = (name: string, help: string, labelNames: string[] = []) => {
    const c = new Counter({ name: prefix + name, help, labelNames, registers: [registry] })
    return (labels: Labels = {}, by = 1) => c.inc(labels, by)
  }
  const inFlight = new Gauge({
    name: `${prefix}in_flight`,
    help: 'Stream entries this worker holds right now',
    registers: [registry],
  })
  const moveDuration = new Histogram({
    name: `${prefix}move_duration_seconds`,
    help: 'Time to make one AI move: GET game, infer, PATCH',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })

  return {
    registry,
    /** Games this worker saw end, by final status (won/failed). */
    gameFinished: counter('games_finished_total', 'AI games this worker saw end, by status', ['status']),
    /** Moves this worker committed through PATCH. */
    move: counter(
      'moves_total',
      'AI moves PATCHed by this worker that advanced the game (a move another worker made at the same instant may count on both)',
    ),
    conflict: counter('conflicts_total', 'PATCHes refused with 409 VERSION_CONFLICT (another worker moved)'),
    reclaim: counter('reclaims_total', 'Stream entries reclaimed from idle consumers (XAUTOCLAIM)'),
    deadLetter: counter('dead_letters_total', 'Entries moved to the dead-letter stream'),
    stepError: counter('step_errors_total', 'Turns that failed and were left pending for redelivery, by kind', [
      'kind',
    ]),
    sweptGame: counter('swept_games_total', 'Unfinished AI games re-enqueued by the sweeper'),
    memoryShed: counter('memory_sheds_total', 'Times the worker dropped its caches near AI_MEMORY_CEILING_MB'),
    memoryPause: counter(
      'memory_pauses_total',
      'Times the worker held back a new turn at AI_MEMORY_CEILING_MB while others were in flight',
    ),
    groupRepair: counter('group_repairs_total', 'Consumer groups recreated after NOGROUP'),
    /** Seconds from reading the game to the committed PATCH (inference + HTTP; no watch delay). */
    observeMove: (seconds: number) => moveDuration.observe(seconds),
    setInFlight: (n: number) => inFlight.set(n),
    /** The Prometheus text of every series (what GET /metrics answers). */
    render: (): Promise<string> => registry.metrics(),
  }
}
