// What a turn does when the player finds no move: a real page without links loses the game; a page
// that cannot be read is an error left for redelivery (and, in the end, the dead letter).

import { describe, expect, it } from 'bun:test'
import { ApiCallError } from '@gamenight/client'
import type { ArticleView, WikiGameState } from '@gamenight/contracts'
import { createLogger } from '@gamenight/log'
import { type AiPlayer, NoMoveError } from '@gamenight/wiki-ai'
import { createMetrics } from './metrics.ts'
import { createStep } from './step.ts'

// Only the fields a turn reads; the rest of the state does not matter to it.
const game = {
  startArticle: 'A',
  endArticle: 'B',
  currentArticle: 'A',
  moves: [],
  isComplete: false,
  status: 'playing',
  version: 0,
} as unknown as WikiGameState
const ok = <T>(value: T) => ({ ok: true as const, value, status: 200 })
const stuck: AiPlayer = { nextMove: async () => Promise.reject(new NoMoveError('no links on A')) }

function stepWith(article: Pick<ArticleView, 'title' | 'text' | 'links'> | null) {
  const failed: string[] = []
  const step = createStep({
    api: {
      getGame: async () => ok(game),
      workerMove: async () => Promise.reject(new Error('no move expected')),
      fail: async (_id, reason) => {
        failed.push(reason)
        return ok({ ...game, status: 'failed', failureReason: reason })
      },
      article: async () =>
        article
          ? ok({ ...article, name: article.title, playable: true })
          : { ok: false as const, error: { status: 404, code: 'ARTICLE_NOT_FOUND', message: 'no article' } },
    },
    player: stuck,
    log: createLogger('step-test', { level: 'error' }),
    metrics: createMetrics(),
    moveDelayMs: 0,
  })
  return { step: () => step('g1', new AbortController().signal), failed }
}

describe('step without a move', () => {
  it('fails the game when the current article exists and has no links', async () => {
    const t = stepWith({ title: 'A', text: 'a page', links: [] })
    expect(await t.step()).toEqual({ requeue: false, status: 'failed', moved: false })
    expect(t.failed).toEqual(['no move possible: A has no links'])
  })

  it('throws ARTICLE_NOT_FOUND, not a failed game, when the current article cannot be read', async () => {
    const t = stepWith(null)
    const err = await t.step().catch((e) => e)
    expect(err).toBeInstanceOf(ApiCallError)
    expect([err.status, err.code, err.transient]).toEqual([404, 'ARTICLE_NOT_FOUND', false])
    expect(err.message).toContain('"A"')
    expect(t.failed).toEqual([])
  })

  it('rethrows the player error when the current article does have links', async () => {
    const t = stepWith({ title: 'A', text: 'a page', links: ['B'] })
    expect(await t.step().catch((e) => e)).toBeInstanceOf(NoMoveError)
    expect(t.failed).toEqual([])
  })
})
