// Prometheus metrics for every service, on prom-client: one registry per process with the process
// metrics (CPU, memory, event-loop lag), served at GET /metrics in the text exposition format. Each
// service adds its own series (apps/*/src/metrics.ts); the api adds HTTP requests by route.
import { Elysia } from 'elysia'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

export { Counter, Gauge, Histogram, Registry }

/** A registry with the standard process and runtime metrics (`process_*`, `nodejs_*`). */
export function createRegistry(): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return registry
}

/** `GET /metrics`: the registry in Prometheus' text format. */
export const metricsRoute = (registry: Registry) =>
  new Elysia({ name: 'metrics' }).get(
    '/metrics',
    async () => new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }),
    { detail: { tags: ['ops'], summary: 'Prometheus metrics (text exposition format)' } },
  )

/**
 * A counter whose value is kept elsewhere as a plain number (or one per label value), read when
 * Prometheus scrapes: for counts a hot path already keeps, so it pays no extra call per event.
 */
export function counterOf(
  registry: Registry,
  o: { name: string; help: string; label?: string; read: () => number | Record<string, number> },
) {
  return new Counter({
    name: o.name,
    help: o.help,
    labelNames: o.label ? [o.label] : [],
    registers: [registry],
    collect() {
      const v = o.read()
      this.reset()
      if (typeof v === 'number') this.inc(v)
      else for (const [k, n] of Object.entries(v)) this.inc({ [o.label!]: k }, n)
    },
  })
}

/** A gauge read when Prometheus scrapes. */
export const gaugeOf = (registry: Registry, o: { name: string; help: string; read: () => number }) =>
  new Gauge({
    name: o.name,
    help: o.help,
    registers: [registry],
    collect() {
      this.set(o.read())
    },
  })

/**
 * HTTP requests by method, route pattern (`/api/games/:id`, never the raw path: ids would explode
 * the series) and status: a counter `${prefix}http_requests_total` and a latency histogram
 * `${prefix}http_request_duration_seconds`. Unmatched paths count under route `unmatched`.
 */
export function httpMetrics(registry: Registry, prefix: string) {
  const labelNames = ['method', 'route', 'status'] as const
  const requests = new Counter({
    name: `${prefix}http_requests_total`,
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [registry],
  })
  const duration = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'Time from request to response, by method, route pattern and status',
    labelNames,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  return new Elysia({ name: 'http-metrics' })
    .derive({ as: 'global' }, () => ({ metricsStartedAt: performance.now() }))
    .onAfterResponse({ as: 'global' }, ({ request, route, set, metricsStartedAt }) => {
      const labels = {
        method: request.method,
        route: route || 'unmatched',
        status: String(typeof set.status === 'number' ? set.status : 200),
      }
      requests.inc(labels)
      duration.observe(labels, (performance.now() - (metricsStartedAt ?? performance.now())) / 1000)
    })
}
