// The relay protocol (CONTRACT §6, docs/RELAY.md) against a real api and relay process: roles,
// refusals, welcome, forwarding with `from`, every bad input, floods, slow readers, presence, events.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { RELAY_PROTOCOL } from '@gamenight/contracts'
import { type Proc, waitFor } from './support/proc.ts'
import { handshake, logLines, openSocket, startRelay, wsUrl } from './support/relay.ts'
import { type ApiSuite, join, newGame, startApiSuite } from './support/suite.ts'

let s: ApiSuite
let relay: Proc
beforeAll(async () => {
  s = await startApiSuite('relayproto')
  relay = await startRelay({
    ...s.env,
    RELAY_RATE_PER_SEC: '20',
    RELAY_RATE_BURST: '40',
    RELAY_FLOOD_CLOSE_AFTER: '60',
    RELAY_MAX_BUFFERED_BYTES: String(256 * 1024),
  })
})
afterAll(async () => {
  await relay?.kill()
  await s?.stop()
})

async function gameWithPlayer() {
  const g = await newGame(s)
  const p = await join(s, g.id, 'Ada')
  return { g, p }
}

describe('joining a room', () => {
  it('gives each token its role, with the game seq and the protocol version in the welcome', async () => {
    const { g, p } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    const player = await openSocket(wsUrl(relay, g.id, p.token))
    const tv = await openSocket(wsUrl(relay, g.id, g.viewToken))
    const anon = await openSocket(wsUrl(relay, g.id))
    expect(host.messages[0]).toMatchObject({
      type: 'welcome',
      protocol: RELAY_PROTOCOL,
      gameId: g.id,
      kind: 'trivia',
      role: 'host',
      seq: 1,
    })
    expect(host.messages[0].playerId).toBeUndefined()
    expect(player.messages[0]).toMatchObject({ type: 'welcome', role: 'player', playerId: p.id, seq: 1 })
    expect(tv.messages[0]).toMatchObject({ type: 'welcome', role: 'spectator' })
    expect(anon.messages[0]).toMatchObject({ type: 'welcome', role: 'spectator' })
    for (const c of [host, player, tv, anon]) await c.close()
  })

  it('refuses an unknown game with 404 and a foreign or bad token with 401, before the upgrade', async () => {
    const { g } = await gameWithPlayer()
    const other = await gameWithPlayer()
    expect(await handshake(wsUrl(relay, crypto.randomUUID(), g.hostToken))).toEqual({
      status: 404,
      code: 'GAME_NOT_FOUND',
    })
    expect(await handshake(wsUrl(relay, 'not-a-uuid'))).toEqual({ status: 404, code: 'GAME_NOT_FOUND' })
    expect(await handshake(wsUrl(relay, g.id, 'nonsense'))).toEqual({ status: 401, code: 'UNAUTHORIZED' })
    expect(await handshake(wsUrl(relay, g.id, other.p.token))).toEqual({ status: 401, code: 'UNAUTHORIZED' })
    expect(await handshake(wsUrl(relay, g.id, other.g.hostToken))).toEqual({ status: 401, code: 'UNAUTHORIZED' })
    await expect(openSocket(wsUrl(relay, g.id, 'nonsense'))).rejects.toThrow()
  })

  it('answers a plain GET that passes the token check with 426', async () => {
    const { g } = await gameWithPlayer()
    const r = await fetch(wsUrl(relay, g.id, g.hostToken).replace('ws:', 'http:'))
    expect(r.status).toBe(426)
    expect((await r.json()).error.code).toBe('UPGRADE_REQUIRED')
  })
})

describe('coordination messages', () => {
  it('forwards a message unchanged to everyone, sender included, with `from` set by the relay', async () => {
    const { g, p } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    const player = await openSocket(wsUrl(relay, g.id, p.token))
    const tv = await openSocket(wsUrl(relay, g.id, g.viewToken))
    player.send({ type: 'wave', emoji: '👋', nested: { a: [1, 2] }, from: { role: 'host' } })
    const expected = { type: 'wave', emoji: '👋', nested: { a: [1, 2] }, from: { role: 'player', playerId: p.id } }
    for (const c of [host, player, tv]) expect(await c.next((m) => m.type === 'wave')).toEqual(expected)
    for (const c of [host, player, tv]) await c.close()
  })

  it('does not deliver to other games', async () => {
    const a = await gameWithPlayer()
    const b = await gameWithPlayer()
    const hostA = await openSocket(wsUrl(relay, a.g.id, a.g.hostToken))
    const hostB = await openSocket(wsUrl(relay, b.g.id, b.g.hostToken))
    hostA.send({ type: 'select_question', question: 'q' })
    await hostA.next((m) => m.type === 'select_question')
    hostB.send({ type: 'marker' })
    await hostB.next((m) => m.type === 'marker')
    expect(hostB.of('select_question')).toHaveLength(0)
    await hostA.close()
    await hostB.close()
  })

  it('answers every bad input with an error and keeps the connection up', async () => {
    const { g } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    const cases: [unknown, string][] = [
      ['{not json', 'INVALID_JSON'],
      [new Uint8Array([1, 2, 3]), 'BINARY_NOT_SUPPORTED'],
      [{ kind: 'no type' }, 'INVALID_MESSAGE'],
      ['[1,2]', 'INVALID_MESSAGE'],
      [{ type: 42 }, 'INVALID_MESSAGE'],
      [{ type: 'update_score', playerId: 'x', score: 1e6, version: 999 }, 'RESERVED_TYPE'],
      [{ type: 'welcome' }, 'RESERVED_TYPE'],
      [{ type: 'presence' }, 'RESERVED_TYPE'],
      [{ type: 'big', pad: 'x'.repeat(17 * 1024) }, 'MESSAGE_TOO_LARGE'],
    ]
    for (const [msg, code] of cases) {
      const from = host.messages.length
      host.send(msg)
      const err = await host.next((m) => m.type === 'error', 5000, from, code)
      expect(err).toMatchObject({ type: 'error', code })
      expect(err.message).toBeString()
    }
    host.send({ type: 'still_here' })
    await host.next((m) => m.type === 'still_here')
    expect(host.closed).toBeNull()
    expect(host.of('update_score')).toHaveLength(0)
    await host.close()
  })

  it('refuses messages from spectators', async () => {
    const { g } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    const tv = await openSocket(wsUrl(relay, g.id, g.viewToken))
    tv.send({ type: 'select_question', question: 'q' })
    expect(await tv.next((m) => m.type === 'error')).toMatchObject({ code: 'READ_ONLY' })
    host.send({ type: 'marker' })
    await tv.next((m) => m.type === 'marker')
    expect(host.of('select_question')).toHaveLength(0)
    await host.close()
    await tv.close()
  })

  it('tells a flooding client so, keeps it for a burst, and closes it with 1008 if it keeps flooding', async () => {
    const { g } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    const calm = await openSocket(wsUrl(relay, g.id, g.viewToken))
    for (let i = 0; i < 45; i++) host.send({ type: 'tick', i })
    expect(await host.next((m) => m.type === 'error')).toMatchObject({ code: 'RATE_LIMITED' })
    expect(host.closed).toBeNull()
    for (let i = 0; i < 300 && !host.closed; i++) host.send({ type: 'tick', i })
    expect(await host.whenClosed()).toMatchObject({ code: 1008 })
    expect(calm.closed).toBeNull()
    expect(calm.of('tick').length).toBeGreaterThanOrEqual(40)
    await calm.close()
  })
})

describe('events and presence', () => {
  it('delivers every API event of the game to every socket in its room', async () => {
    const { g, p } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    const player = await openSocket(wsUrl(relay, g.id, p.token))
    const q = g.categories[0]!.questions[0]!
    const a = await s.call('POST', `/api/games/${g.id}/answers`, {
      token: g.hostToken,
      body: { playerId: p.id, questionId: q.id, isCorrect: true },
    })
    expect(a.status).toBe(200)
    for (const c of [host, player]) {
      const ev = await c.next((m) => m.type === 'update_score')
      expect(ev).toMatchObject({ gameId: g.id, seq: 2, playerId: p.id, score: q.value, version: a.body.version })
    }
    await host.close()
    await player.close()
  })

  it('announces joins and leaves with the members present', async () => {
    const { g, p } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    await host.next((m) => m.type === 'presence' && m.joined?.role === 'host')
    const player = await openSocket(wsUrl(relay, g.id, p.token))
    expect(player.messages[0].presence).toEqual([{ role: 'host' }])
    const joined = await host.next((m) => m.type === 'presence' && m.joined?.playerId === p.id)
    expect(joined.members).toEqual([{ role: 'host' }, { role: 'player', playerId: p.id }])
    await player.close()
    const left = await host.next((m) => m.type === 'presence' && m.left?.playerId === p.id)
    expect(left).toMatchObject({ gameId: g.id, members: [{ role: 'host' }] })
    expect(left.version).toBeGreaterThan(joined.version)
    await host.close()
  })

  it('gives a late joiner the last message of each type', async () => {
    const { g, p } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    host.send({ type: 'select_question', question: 'first' })
    host.send({ type: 'select_question', question: 'second' })
    host.send({ type: 'timer', left: 30 })
    await host.next((m) => m.type === 'timer')
    const late = await openSocket(wsUrl(relay, g.id, p.token))
    expect(late.messages[0].last).toEqual({
      select_question: { type: 'select_question', question: 'second', from: { role: 'host' } },
      timer: { type: 'timer', left: 30, from: { role: 'host' } },
    })
    await host.close()
    await late.close()
  })

  it('drops a reader too slow to keep up instead of buffering without bound', async () => {
    const { g } = await gameWithPlayer()
    const host = await openSocket(wsUrl(relay, g.id, g.hostToken))
    // A raw TCP client that completes the handshake and then never reads.
    const sock = await Bun.connect({ hostname: '127.0.0.1', port: relay.port, socket: { data() {} } })
    sock.write(
      `GET /ws/games/${g.id}?token=${g.viewToken} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    )
    await host.next((m) => m.type === 'presence' && m.joined?.role === 'spectator')
    sock.pause()
    const pad = 'x'.repeat(15 * 1024)
    // Four senders, each under its own flood limit (15 KB × 16/s), fill the 256 KiB cap plus the
    // kernel's socket buffers within seconds.
    const senders = [host, ...(await Promise.all([1, 2, 3].map(() => openSocket(wsUrl(relay, g.id, g.hostToken)))))]
    const left = waitFor(
      () => host.messages.find((m) => m.type === 'presence' && m.left?.role === 'spectator'),
      60000,
      'slow reader dropped',
    )
    let stop = false
    left.finally(() => (stop = true))
    for (let i = 0; i < 3000 && !stop; i++) {
      for (const c of senders) c.send({ type: 'pad', i, pad })
      await Bun.sleep(60)
    }
    expect((await left).members.every((m: { role: string }) => m.role === 'host')).toBe(true)
    expect(host.closed).toBeNull()
    sock.end()
    for (const c of senders) await c.close()
  }, 70000)

  it('logs JSON lines', () => {
    const lines = logLines(relay)
    expect(lines.length).toBeGreaterThan(0)
    expect(lines.find((l) => l.msg === 'listening')).toMatchObject({ service: 'relay', level: 'info' })
  })
})
