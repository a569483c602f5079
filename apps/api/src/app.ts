// Builds the api's Elysia app from its dependencies; main.ts wires, tests build it the same way.
import { swagger } from '@elysiajs/swagger'
import { gameByJoinCode, gameExists, type Sql } from '@gamenight/db'
import type { Logger } from '@gamenight/log'
import { type Check, health, httpMetrics, metricsRoute, type Registry } from '@gamenight/runtime'
import { Elysia } from 'elysia'
import { articleRoutes } from './articles/routes.ts'
import { accessLog } from './http/access-log.ts'
import { jsonBody } from './http/body.ts'
import { errorHandler } from './http/errors.ts'
import { triviaRoutes } from './trivia/routes.ts'
import type { Deps as TriviaDeps } from './trivia/service.ts'
import { type WebOptions, webStatic } from './web/static.ts'
import { wikiRoutes } from './wiki/routes.ts'
import type { Deps as WikiDeps } from './wiki/service.ts'

export type AppDeps = {
  sql: Sql
  log: Logger
  checks: Record<string, Check>
  /** Prometheus registry served at /metrics; HTTP requests are counted into it by route. */
  metrics: Registry
  afterCommit: () => void
  /** The trivia rules' knobs and helpers beyond sql (trivia/service.ts Deps). */
  trivia: Omit<TriviaDeps, 'sql' | 'afterCommit'>
  wiki: Pick<WikiDeps, 'graph' | 'stepLimit' | 'workerToken' | 'enqueueAiTurn'>
  /** The built web client and where browsers find the relay. */
  web: WebOptions
}

export function buildApp(deps: AppDeps) {
  return new Elysia()
    .use(accessLog(deps.log))
    .use(httpMetrics(deps.metrics, 'gamenight_api_'))
    .use(errorHandler(deps.log))
    .use(jsonBody())
    .use(
      swagger({
        path: '/swagger',
        documentation: {
          info: {
            title: 'Game Night API',
            version: '1.0.0',
            description:
              "Every mutation of Game Night over REST. Versions go up by one per change; every change is broadcast with the same version on the game's WebSocket room. Errors: `{success: false, error: {code, message, details?}}`.",
          },
          tags: [
            { name: 'trivia', description: 'Jeopardy-style trivia: scores, board, buzzer' },
            { name: 'wiki', description: 'Wiki race on the Wikispeedia graph: games, moves, articles' },
            { name: 'ops', description: 'Health and readiness' },
          ],
          components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        },
      }),
    )
    .use(health(deps.checks))
    .use(metricsRoute(deps.metrics))
    .use(triviaRoutes({ sql: deps.sql, afterCommit: deps.afterCommit, ...deps.trivia }))
    .use(wikiRoutes({ sql: deps.sql, log: deps.log, afterCommit: deps.afterCommit, ...deps.wiki }))
    .use(articleRoutes({ sql: deps.sql }))
    .use(
      webStatic({
        ...deps.web,
        games: {
          exists: (kind, id) => gameExists(deps.sql, kind, id),
          byJoinCode: (code) => gameByJoinCode(deps.sql, code),
        },
      }),
    )
}

export type App = ReturnType<typeof buildApp>
