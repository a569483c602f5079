// Builds the api's Elysia app from its dependencies; main.ts wires, tests build it the same way.
import { swagger } from '@elysiajs/swagger'
import type { Sql } from '@gamenight/db'
import type { Logger } from '@gamenight/log'
import { health, type Check } from '@gamenight/runtime'
import { Elysia } from 'elysia'
import { jsonBody } from './http/body.ts'
import { errorHandler } from './http/errors.ts'
import { triviaRoutes } from './trivia/routes.ts'

export type AppDeps = {
  sql: Sql
  log: Logger
  checks: Record<string, Check>
  afterCommit: () => void
}

export function buildApp(deps: AppDeps) {
  return new Elysia()
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
              'Every mutation of Game Night over REST. Versions go up by one per change; every change is broadcast with the same version on the game\'s WebSocket room. Errors: `{success: false, error: {code, message, details?}}`.',
          },
          tags: [
            { name: 'trivia', description: 'Jeopardy-style trivia: scores, board, buzzer' },
            { name: 'ops', description: 'Health and readiness' },
          ],
          components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
        },
      }),
    )
    .use(health(deps.checks))
    .use(triviaRoutes({ sql: deps.sql, afterCommit: deps.afterCommit }))
}

export type App = ReturnType<typeof buildApp>
