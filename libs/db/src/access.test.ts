// The one access rule (token → role) on a real Postgres: what the api and the relay both decide by.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { freshDatabase, type TestDb } from '../../../tests/support/db.ts'
import { createAccessCache, roomAccess, triviaAccess, wikiRole } from './access.ts'
import { hashToken, newToken } from './tokens.ts'
import * as trivia from './trivia.ts'
import * as wiki from './wiki.ts'

let db: TestDb
const t = { host: newToken(), view: newToken(), player: newToken(), other: newToken(), wiki: newToken() }
const worker = 'the-worker-token'
let triviaId: string
let otherId: string
let playerId: string
let humanId: string
let aiId: string

const board = { categories: [{ name: 'C', questions: [{ value: 100, prompt: 'p', answer: 'a' }] }] }
const wikiGame = (player: 'ai' | 'human', tokenHash: Buffer | null) =>
  db.sql.begin((tx) =>
    wiki.createGame(tx, { player, start: 'Dog', end: 'Cat', tokenHash, stepLimit: 30, optimalDistance: null }),
  )

beforeAll(async () => {
  db = await freshDatabase('access')
  triviaId = await db.sql.begin((tx) =>
    trivia.createGame(tx, 'Quiz', board, { host: hashToken(t.host), view: hashToken(t.view) }),
  )
  otherId = await db.sql.begin((tx) =>
    trivia.createGame(tx, 'Other', board, { host: hashToken(newToken()), view: hashToken(newToken()) }),
  )
  playerId = (
    await db.sql.begin((tx) => trivia.joinGame(tx, triviaId, { name: 'Ada', key: 'ada' }, hashToken(t.player)))
  ).id
  await db.sql.begin((tx) => trivia.joinGame(tx, otherId, { name: 'Bob', key: 'bob' }, hashToken(t.other)))
  humanId = await wikiGame('human', hashToken(t.wiki))
  aiId = await wikiGame('ai', null)
})
afterAll(async () => {
  await db?.drop()
})

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => `${e.status} ${e.code}`,
  )

describe('access rule', () => {
  it('gives each trivia token its role, with the player id for a player, and spectator without a token', async () => {
    const cache = createAccessCache()
    for (const c of [undefined, cache, cache]) {
      expect(await triviaAccess(db.sql, triviaId, t.host, c)).toEqual({
        gameId: triviaId,
        kind: 'trivia',
        role: 'host',
      })
      expect((await triviaAccess(db.sql, triviaId, t.view, c)).role).toBe('spectator')
      expect(await triviaAccess(db.sql, triviaId, t.player, c)).toMatchObject({ role: 'player', playerId })
      expect((await triviaAccess(db.sql, triviaId, null, c)).role).toBe('spectator')
    }
  })

  it('refuses a non-UUID or unknown game with 404 and a token of another game or of nobody with 401', async () => {
    for (const id of ['not-a-uuid', crypto.randomUUID()]) {
      expect(await code(triviaAccess(db.sql, id, t.host))).toBe('404 GAME_NOT_FOUND')
      expect(await code(roomAccess(db.sql, id, null))).toBe('404 GAME_NOT_FOUND')
    }
    for (const token of [t.other, newToken(), t.wiki]) {
      expect(await code(triviaAccess(db.sql, triviaId, token))).toBe('401 UNAUTHORIZED')
      expect(await code(roomAccess(db.sql, triviaId, token))).toBe('401 UNAUTHORIZED')
    }
    expect(await code(roomAccess(db.sql, humanId, t.player))).toBe('401 UNAUTHORIZED')
  })

  it("decides a wiki token: the game's own token is its player, WORKER_TOKEN the worker only where it is known", async () => {
    const human = { player: 'human' as const, tokenHash: hashToken(t.wiki) }
    expect(wikiRole(human, t.wiki, worker)).toBe('player')
    expect(wikiRole(human, worker, worker)).toBe('worker')
    expect(wikiRole(human, worker)).toBe(null)
    expect(wikiRole({ player: 'ai', tokenHash: null }, t.wiki, worker)).toBe(null)
  })

  it('answers a relay join with the role and the current seq of a trivia or a wiki game', async () => {
    expect(await roomAccess(db.sql, triviaId, t.player)).toEqual({
      gameId: triviaId,
      kind: 'trivia',
      role: 'player',
      playerId,
      seq: 1, // one event so far: Ada's player_joined
    })
    expect(await roomAccess(db.sql, humanId, t.wiki)).toEqual({ gameId: humanId, kind: 'wiki', role: 'player', seq: 0 })
    expect(await roomAccess(db.sql, aiId, null)).toEqual({ gameId: aiId, kind: 'wiki', role: 'spectator', seq: 0 })
    // The relay knows no WORKER_TOKEN: the worker is nobody in a room.
    expect(await code(roomAccess(db.sql, aiId, worker))).toBe('401 UNAUTHORIZED')
  })
})
