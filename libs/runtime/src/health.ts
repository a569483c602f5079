// /healthz: the process answers. /readyz: every dependency answers within a short timeout.
import { Elysia } from 'elysia'

export type Check = () => Promise<unknown>

export const health = (checks: Record<string, Check>) =>
  new Elysia({ name: 'health' })
    .get('/healthz', () => ({ status: 'ok' }), { detail: { tags: ['ops'], summary: 'Liveness' } })
    .get(
      '/readyz',
      async ({ set }) => {
        const results = await Promise.all(
          Object.entries(checks).map(async ([name, check]) => {
            try {
              await withTimeout(check(), 2000)
              return [name, 'ok'] as const
            } catch (err) {
              return [name, (err as Error)?.message ?? 'down'] as const
            }
          }),
        )
        const ready = results.every(([, r]) => r === 'ok')
        set.status = ready ? 200 : 503
        return { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) }
      },
      { detail: { tags: ['ops'], summary: 'Readiness: Postgres and Redis answer' } },
    )

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))])
}
