// One JSON line per request at debug level (info would dominate the logs of a busy trivia night);
// slow requests and server errors are always logged.
import type { Logger } from '@gamenight/log'
import { Elysia } from 'elysia'

const SLOW_MS = 1000

export const accessLog = (log: Logger) =>
  new Elysia({ name: 'access-log' })
    .derive({ as: 'global' }, () => ({ startedAt: performance.now() }))
    .onAfterResponse({ as: 'global' }, ({ request, path, set, startedAt }) => {
      const status = typeof set.status === 'number' ? set.status : 200
      const ms = Math.round((performance.now() - (startedAt ?? performance.now())) * 10) / 10
      const fields = { method: request.method, path, status, ms }
      // 503 is a dependency outage (already logged as such), not a bug.
      if (status >= 500 && status !== 503) log.error('request', fields)
      else if (status === 503) log.warn('request', fields)
      else if (ms >= SLOW_MS) log.warn('slow request', fields)
      else log.debug('request', fields)
    })
