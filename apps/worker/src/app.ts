// The worker's HTTP face: /healthz, /readyz (Redis and the api answer) and Prometheus /metrics.
import { type Check, health } from '@gamenight/runtime'
import { Elysia } from 'elysia'
import type { Metrics } from './metrics.ts'

export function buildApp(deps: { checks: Record<string, Check>; metrics: Metrics }) {
  return new Elysia()
    .use(health(deps.checks))
    .get(
      '/metrics',
      () => new Response(deps.metrics.render(), { headers: { 'content-type': 'text/plain; version=0.0.4' } }),
    )
}
