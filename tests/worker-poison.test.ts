// A genuine AI game whose turn keeps failing for a real reason, end to end: its current article is
// removed from the database after the game starts (as a data reload that drops a page would), so
// `GET /articles/{title}` is 404 on every delivery. Real api and worker processes; the turn must be
// dead-lettered exactly once, the game marked failed with the cause, and the other games won.

import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { readAiDeadLetters } from '@gamenight/bus'
import { type Proc, startService, waitFor } from './support/proc.ts'
import { type ApiSuite, startApiSuite } from './support/suite.ts'

let s: ApiSuite
let w: Proc | null = null

beforeAll(async () => {
  s = await startApiSuite('worker-poison')
})
afterAll(async () => {
  if (w && w.proc.exitCode === null) await w.kill('SIGKILL')
  await s?.stop()
})

// No page links to it, so deleting it changes what no other game can read.
const GONE = 'Colditz Castle'

async function aiGame(startArticle: string, endArticle: string): Promise<string> {
  const r = await s.call('POST', '/game', { body: { player: 'ai', startArticle, endArticle } })
  expect(r.status).toBe(201)
  return r.body.id
}

const game = async (id: string) => (await s.call('GET', `/game/${id}`)).body
const metrics = async (p: Proc) => (await fetch(`${p.url}/metrics`)).text()
const metric = (text: string, series: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(`gamenight_worker_${series} `))
      ?.split(' ')[1] ?? NaN,
  )

describe('AI worker poison turn', () => {
  it('dead-letters a game whose current article cannot be read exactly once, marks it failed with the cause, and wins the others', async () => {
    const { aiTurns: stream, aiGroup: group } = s.redis.keys
    const poison = await aiGame(GONE, 'Adolf Hitler')
    const ok = await Promise.all([aiGame('Virgil', 'Comet Hale-Bopp'), aiGame('Aberdeen', 'Alfred Nobel')])

    // Before any worker runs: the article and its links go (wiki_links cascades; games name
    // articles by title, no foreign key), so the game's current page is unreadable from now on.
    const [inbound] = await s.db.sql<{ count: number }[]>`
      select count(*)::int as count from wiki_links l join wiki_articles a on a.id = l.target_id where a.title = ${GONE}`
    expect(inbound!.count).toBe(0)
    expect((await s.db.sql`delete from wiki_articles where title = ${GONE}`).count).toBe(1)
    expect((await s.call('GET', `/articles/${encodeURIComponent(GONE)}`)).status).toBe(404)

    w = await startService('worker', {
      REDIS_URL: s.env.REDIS_URL,
      REDIS_PREFIX: s.env.REDIS_PREFIX,
      API_URL: s.api.url,
      WORKER_TOKEN: s.env.WORKER_TOKEN,
      AI_MOVE_DELAY_MS: '0',
      AI_CLAIM_IDLE_MS: '300',
      AI_MAX_DELIVERIES: '2',
      // The sweeper would re-enqueue the game behind the stream's back; only the stream is under test.
      AI_SWEEP_INTERVAL_MS: '600000',
    })

    // The other games are played to the end, every move a link of the one before.
    for (const id of ok) {
      const g = await waitFor(
        async () => ((x) => x.status !== 'playing' && x)(await game(id)),
        30_000,
        `game ${id} to finish`,
      )
      expect(g.status).toBe('won')
      const path = [g.startArticle, ...g.moves.map((m: { article: string }) => m.article)]
      for (let i = 1; i < path.length; i++) {
        expect((await s.call('GET', `/articles/${encodeURIComponent(path[i - 1])}`)).body.links).toContain(path[i])
      }
    }

    const failed = await waitFor(
      async () => ((x) => x.status === 'failed' && x)(await game(poison)),
      30_000,
      'poison game failed',
    )
    // Once the stream is empty and nothing is pending, no further delivery (or dead letter) can happen.
    await waitFor(
      async () =>
        (await s.redis.client.xLen(stream)) === 0 && (await s.redis.client.xPending(stream, group)).pending === 0,
      20_000,
      'empty turn stream',
    )

    const letters = await readAiDeadLetters(s.redis.client, s.redis.keys)
    expect(letters.length).toBe(1)
    const letter = letters[0]!
    expect(letter.gameId).toBe(poison)
    expect(Number(letter.deliveries)).toBe(3)
    expect(letter.reason).toContain('AI_MAX_DELIVERIES=2')
    expect(letter.reason).toContain('ARTICLE_NOT_FOUND')
    expect(letter.reason).toContain(GONE)

    // Failed by the dead letter, not taken for a dead end: the reason names the unreadable page.
    expect(failed.failureReason).toBe(letter.reason)
    expect(failed.failureReason).not.toContain('has no links')
    expect([failed.version, failed.moves.length, failed.isComplete]).toEqual([1, 0, false])

    const status = await waitFor(
      async () =>
        ((l) => l.length > 0 && l)((await s.events()).filter((e) => e.gameId === poison && e.type === 'wiki_status')),
      10_000,
      'wiki_status event',
    )
    expect(status.length).toBe(1)
    expect(status[0]).toMatchObject({ status: 'failed', isComplete: false, version: 1, failureReason: letter.reason })

    const text = await metrics(w)
    expect(metric(text, 'dead_letters_total')).toBe(1)
    expect(metric(text, 'step_errors_total{kind="ARTICLE_NOT_FOUND"}')).toBe(2)
  }, 90_000)
})
