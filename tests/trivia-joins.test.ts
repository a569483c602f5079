// Issue 9, rules 6 and 7: player names (normalised, visible, unique in a game ignoring case) and
// Idempotency-Key scoping (no collisions between unrelated requests, no token to a different one).
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { waitFor } from './support/proc.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
beforeAll(async () => {
  s = await startApiSuite('joins')
})
afterAll(async () => {
  await s?.stop()
})

const joinAs = (gameId: string, name: string, headers?: Record<string, string>) =>
  s.call('POST', `/api/games/${gameId}/players`, { body: { name }, headers })
const code = (r: { status: number; body: any }) => ({ status: r.status, code: r.body?.error?.code })
const names = async (g: { id: string; hostToken: string }) =>
  (await s.call('GET', `/api/games/${g.id}`, { token: g.hostToken })).body.players.map((p: any) => p.name)

describe('player names', () => {
  it('stores and broadcasts a name normalised: NFC, trimmed, control, bidi-override and zero-width characters removed', async () => {
    const g = await newGame(s)
    const cases: [string, string][] = [
      ['  Ada  ', 'Ada'],
      ['Zoe\u0308', 'Zoë'],
      ['Gr\u200Bace\u200D', 'Grace'],
      ['\u202EevilBob\u202C', 'evilBob'],
      ['Line\nBreak\u0000', 'Line Break'],
      ['👩\u200D🚀 Sally', '👩\u200D🚀 Sally'],
    ]
    for (const [raw, want] of cases) {
      const r = await joinAs(g.id, raw)
      expect(r.status).toBe(201)
      expect(r.body.name).toBe(want)
      const ev = await waitFor(
        async () => (await s.events()).find((e) => e.type === 'player_joined' && e.playerId === r.body.id),
        5000,
        'player_joined',
      )
      expect(ev.name).toBe(want)
    }
    expect(await names(g)).toEqual(cases.map(([, want]) => want))
  })

  it('refuses a name with nothing visible left with 400 VALIDATION and details, adding no one', async () => {
    const g = await newGame(s)
    for (const raw of ['   ', '\u200B', '\u200B\u200C\uFEFF', '\u202E\u202C', '\u3164', '\t\n', '\u0301']) {
      const r = await joinAs(g.id, raw)
      expect(code(r)).toEqual({ status: 400, code: 'VALIDATION' })
      expect(r.body.error.details).toEqual([{ path: '/name', message: expect.any(String) }])
    }
    expect(await names(g)).toEqual([])
  })

  it('refuses a name taken in the game ignoring case with 409 NAME_TAKEN and a free variant to offer', async () => {
    const g = await newGame(s)
    await join(s, g.id, 'Alice')
    const taken = await joinAs(g.id, ' alice ')
    expect(code(taken)).toEqual({ status: 409, code: 'NAME_TAKEN' })
    expect(taken.body.error.suggestion).toBe('alice 2')
    expect(taken.body.error.details).toEqual([{ path: '/name', message: expect.any(String) }])
    expect((await joinAs(g.id, taken.body.error.suggestion)).status).toBe(201)
    const third = await joinAs(g.id, 'ALICE')
    expect(third.body.error.suggestion).toBe('ALICE 3')
    expect(code(await joinAs(g.id, 'Ａｌｉｃｅ'))).toEqual({ status: 409, code: 'NAME_TAKEN' })
    expect(await names(g)).toEqual(['Alice', 'alice 2'])
    // Another game has its own Alice.
    const other = await newGame(s)
    expect((await joinAs(other.id, 'Alice')).status).toBe(201)
  })

  it('lets exactly one of two simultaneous joins with the same name in, round after round', async () => {
    const g = await newGame(s)
    for (let round = 0; round < 20; round++) {
      const replies = await Promise.all([joinAs(g.id, `Twin ${round}`), joinAs(g.id, `twin ${round}`)])
      expect(replies.map((r) => r.status).sort()).toEqual([201, 409])
      expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('NAME_TAKEN')
    }
    expect(await names(g)).toHaveLength(20)
  })
})

describe('Idempotency-Key scoping', () => {
  it("treats the same key on another game's join as a new request, not a 409 or a replay", async () => {
    const [a, b] = [await newGame(s), await newGame(s)]
    const headers = { 'idempotency-key': 'join-1' }
    const inA = await joinAs(a.id, 'Ada', headers)
    const inB = await joinAs(b.id, 'Ada', headers)
    expect([inA.status, inB.status]).toEqual([201, 201])
    expect(inB.headers.get('idempotent-replayed')).toBeNull()
    expect(inB.body.id).not.toBe(inA.body.id)
    expect(inB.body.token).not.toBe(inA.body.token)
    expect(inB.body.gameId).toBe(b.id)
    // The trailing slash is the same route: a retry through it is a replay.
    const retry = await s.call('POST', `/api/games/${a.id}/players/`, { body: { name: 'Ada' }, headers })
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.body).toEqual(inA.body)
  })

  it('never hands a stored host or player token to a request whose body or route differs', async () => {
    const key = { 'idempotency-key': `create-${crypto.randomUUID()}` }
    const created = await s.call('POST', '/api/games', { body: { name: 'Mine' }, headers: key })
    expect(created.status).toBe(201)
    const replay = await s.call('POST', '/api/games', { body: { name: 'Mine' }, headers: key })
    expect(replay.body.hostToken).toBe(created.body.hostToken)
    const otherBody = await s.call('POST', '/api/games', { body: { name: 'Theirs' }, headers: key })
    expect(code(otherBody)).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' })
    expect(JSON.stringify(otherBody.body)).not.toContain(created.body.hostToken)
    // The same key on another route is another request: a join gets a player token of its own.
    const joinSameKey = await joinAs(created.body.id, 'Mine', key)
    expect(joinSameKey.status).toBe(201)
    expect(joinSameKey.body.token).not.toBe(created.body.hostToken)

    const joinKey = { 'idempotency-key': `join-${crypto.randomUUID()}` }
    const ada = await joinAs(created.body.id, 'Ada', joinKey)
    const bob = await joinAs(created.body.id, 'Bob', joinKey)
    expect(code(bob)).toEqual({ status: 422, code: 'IDEMPOTENCY_KEY_REUSED' })
    expect(JSON.stringify(bob.body)).not.toContain(ada.body.token)
    expect(await names({ id: created.body.id, hostToken: created.body.hostToken })).toEqual(['Mine', 'Ada'])
  })

  it('scopes a key to its caller: the same key, route and body from another token is applied again', async () => {
    const g = await newGame(s)
    const p = await join(s, g.id, 'Presser')
    const headers = { 'idempotency-key': 'press' }
    const body = { buzzerId: p.id }
    const byPlayer = await s.call('POST', `/api/games/${g.id}/buzzer`, { token: p.token, body, headers })
    const byHost = await s.call('POST', `/api/games/${g.id}/buzzer`, { token: g.hostToken, body, headers })
    expect([byPlayer.status, byHost.status]).toEqual([200, 200])
    expect(byHost.headers.get('idempotent-replayed')).toBeNull()
    expect(byPlayer.body.won).toBe(true)
    expect(byHost.body.won).toBe(false)
  })
})
