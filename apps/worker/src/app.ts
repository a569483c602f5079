// The worker's HTTP face: /healthz, /readyz (Redis and the api answer) and Prometheus /metrics.
import { type Check, health, metricsRoute } from '@gamenight/runtime'
import { Elysia } from 'elysia'
import type { Metrics } from './metrics.ts'

export function buildApp(deps: { checks: Record<string, Check>; metrics: Metrics }) {
  return new Elysia().use(health(deps.checks)).use(metricsRoute(deps.metrics.registry))
}
