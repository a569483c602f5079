// The relay's rooms at work: welcome on join, coordination messages checked and fanned out (locally
// through Bun's native pub/sub, to other replicas through the game's shard channel), game events
// from the channels of the games held here delivered to their room, presence on join/leave/heartbeat. Redis trouble degrades to this
// replica alone (welcome from local state, presence without version) rather than refusing people.

import {
  byRole,
  type ClockMeasure,
  type Frame,
  type GameChannels,
  type Presence,
  type PresenceView,
} from '@gamenight/bus'
import { type Member, RELAY_PROTOCOL, RelayCloseCode, type RelayErrorCode } from '@gamenight/contracts'
import type { Logger } from '@gamenight/log'
import type { WebSocketHandler } from 'bun'
import type { Access } from './access.ts'
import { createBucket } from './bucket.ts'
import { createClockPinger } from './clock.ts'
import { readInbound } from './inbound.ts'
import { createRooms, type Room, type Socket, type SocketData } from './rooms.ts'

export type Limits = {
  maxMessageBytes: number
  hardMaxBytes: number
  ratePerSec: number
  rateBurst: number
  floodCloseAfter: number
  maxBufferedBytes: number
  idleTimeoutSec: number
  lastMaxTypes: number
  /** Spectators' presence changes are applied and announced per room in batches this often (0: one by one). */
  presenceBatchMs: number
}

const REDIS_READ_TIMEOUT_MS = 1000
/** Every spectator's member object (one, not one per socket; never mutated). */
const SPECTATOR: Member = Object.freeze({ role: 'spectator' })

export function createRelay(opts: {
  replica: string
  log: Logger
  limits: Limits
  bus: () => GameChannels
  presence: Presence
  publish: (topic: string, text: string) => void
  /** Phone clock measuring for the fair buzzer: samples kept per socket, where the best goes. */
  clocks?: { samples: number; save: (gameId: string, playerId: string, m: ClockMeasure) => Promise<void> }
}) {
  const { log, limits, presence } = opts
  // An emptied room's game is no longer followed: this replica stops receiving its traffic.
  const rooms = createRooms((gameId) => opts.bus().unfollow(gameId))
  const bucketLimits = { ratePerSec: limits.ratePerSec, burst: limits.rateBurst, closeAfter: limits.floodCloseAfter }
  const inflight = new Set<Promise<unknown>>()
  let nextConn = 0
  let closing = false
  // Plain numbers on the hot path; /stats and /metrics (metrics.ts) read them.
  const counters = {
    opened: 0,
    closed: 0,
    relayed: 0,
    events: 0,
    /** Socket deliveries on this replica: each event or message times the room's local sockets. */
    deliveries: 0,
    /** Messages refused for the rate limit. */
    refused: 0,
    /** Messages refused as invalid (bad JSON, reserved type, too large, read-only). */
    invalid: 0,
    /** Sockets closed with 1006: mostly readers too slow for the send buffer, dropped by Bun. */
    abnormalCloses: 0,
  }

  /** Redis work nobody waits for: logged on failure, awaited on shutdown. */
  function track<T>(p: Promise<T>, what: string): Promise<T | undefined> {
    const q = p.catch((err) => void log.warn(`${what} failed`, { err }))
    inflight.add(q)
    q.finally(() => inflight.delete(q))
    return q
  }

  const sendError = (ws: Socket, code: RelayErrorCode, message: string) =>
    ws.send(JSON.stringify({ type: 'error', code, message }))

  function remember(room: Room, type: string, text: string) {
    if (room.last.has(type) || room.last.size < limits.lastMaxTypes) room.last.set(type, text)
  }

  function localMembers(room: Room): Member[] {
    return [...room.sockets]
      .filter((s) => s.data.opened)
      .map((s) => s.data.member)
      .sort(byRole)
  }

  /** Sends a presence snapshot to the room here and on every other replica. */
  function announce(gameId: string, members: Member[], change: { joined?: Member; left?: Member }, version?: number) {
    const text = JSON.stringify({
      type: 'presence',
      gameId,
      members,
      ...change,
      ...(version === undefined ? {} : { version }),
    })
    const room = rooms.get(gameId)
    if (room) {
      if (version !== undefined && version >= (room.presence?.version ?? 0)) room.presence = { version, members }
      opts.publish(room.topic, text)
    }
    if (version !== undefined) track(opts.bus().presence(gameId, text), 'presence publish')
  }

  function presenceChanged(gameId: string, view: PresenceView, change: { joined?: Member; left?: Member }) {
    if (!view.changed) return
    // Members of a dead replica that expired are announced as having left, one event each.
    for (const ghost of view.ghosts) announce(gameId, view.members, { left: ghost }, view.version)
    if (change.joined || change.left || view.ghosts.length === 0) announce(gameId, view.members, change, view.version)
  }

  function applyPresence(room: Room, op: 'join' | 'leave', entries: [string, Member][]) {
    const one = entries.length === 1 ? entries[0]![1] : undefined
    const change = one ? (op === 'join' ? { joined: one } : { left: one }) : {}
    track(
      presence.apply(room.gameId, op, entries).then(
        (view) => presenceChanged(room.gameId, view, change),
        // Redis is down: tell this replica's part of the room, without a version.
        () => announce(room.gameId, localMembers(room), change),
      ),
      `presence ${op}`,
    )
  }

  // Spectators come and go in crowds (a wall of TVs, a stream's viewers): their changes are applied
  // and announced per room in batches, one Redis script and one snapshot for the lot. One each
  // would cost a room of n sockets n snapshots of n members to n sockets while it fills: O(n³)
  // bytes, which is where a connect storm's time and memory went (docs/BENCHMARKS.md, relay
  // capacity). Hosts and players are announced at once, with `joined`/`left`.
  const batches = new Map<Room, { join: [string, Member][]; leave: [string, Member][] }>()
  let batchTimer: Timer | null = null
  function flushPresence() {
    if (batchTimer) clearTimeout(batchTimer)
    batchTimer = null
    const due = [...batches]
    batches.clear()
    for (const [room, b] of due) {
      if (b.join.length) applyPresence(room, 'join', b.join)
      if (b.leave.length) applyPresence(room, 'leave', b.leave)
    }
  }

  function changePresence(room: Room, op: 'join' | 'leave', ws: Socket) {
    const entry: [string, Member] = [ws.data.id, ws.data.member]
    if (ws.data.member.role !== 'spectator' || limits.presenceBatchMs <= 0) return applyPresence(room, op, [entry])
    let b = batches.get(room)
    if (!b) {
      b = { join: [], leave: [] }
      batches.set(room, b)
    }
    b[op].push(entry)
    batchTimer ??= setTimeout(flushPresence, limits.presenceBatchMs)
  }

  function welcome(ws: Socket): string {
    const d = ws.data
    const room = d.room
    for (const [type, text] of Object.entries(d.last ?? {})) if (!room.last.has(type)) remember(room, type, text)
    const p = d.presence && d.presence.version >= (room.presence?.version ?? 0) ? d.presence : room.presence
    // This socket is not `opened` yet, so it is not among the local members.
    const members = p?.members ?? localMembers(room)
    const last = [...room.last].map(([type, text]) => `${JSON.stringify(type)}:${text}`).join(',')
    const head = {
      type: 'welcome',
      protocol: RELAY_PROTOCOL,
      gameId: d.gameId,
      kind: d.kind,
      role: d.member.role,
      ...(d.member.playerId ? { playerId: d.member.playerId } : {}),
      // Every event up to room.seq went out before this socket subscribed; the snapshot covers it.
      seq: Math.max(d.seq, room.seq),
      presence: members,
      presenceVersion: p?.version ?? 0,
    }
    return `${JSON.stringify(head).slice(0, -1)},"last":{${last}}}`
  }

  const clocks = opts.clocks && createClockPinger({ ...opts.clocks, track })

  const websocket: WebSocketHandler<SocketData> = {
    maxPayloadLength: limits.hardMaxBytes,
    backpressureLimit: limits.maxBufferedBytes,
    closeOnBackpressureLimit: true,
    idleTimeout: limits.idleTimeoutSec,
    sendPings: true,
    publishToSelf: true,
    perMessageDeflate: false,
    open(ws) {
      const d = ws.data
      const room = d.room
      room.sockets.add(ws)
      rooms.release(room)
      counters.opened++
      // Welcome first, then subscribe, in the same tick: no event can fall between the two.
      ws.send(welcome(ws))
      ws.subscribe(room.topic)
      d.opened = true
      // What Redis said before the upgrade is in the room now: no copy per socket.
      d.last = null
      d.presence = null
      changePresence(room, 'join', ws)
      clocks?.start(ws)
      log.debug('joined', { gameId: d.gameId, conn: d.id, role: d.member.role })
    },
    message(ws, raw) {
      const d = ws.data
      // Made at the first message: most sockets (TVs, spectators) never send one.
      d.bucket ??= createBucket(bucketLimits)
      const verdict = d.bucket.take()
      if (verdict !== 'ok') {
        counters.refused++
        if (verdict === 'close') {
          sendError(ws, 'RATE_LIMITED', 'too many messages for too long; closing')
          log.info('closing a flooding connection', { gameId: d.gameId, conn: d.id, role: d.member.role })
          ws.close(RelayCloseCode.POLICY, 'rate limit exceeded')
        } else if (verdict === 'refuse-and-tell') {
          sendError(ws, 'RATE_LIMITED', `over ${limits.ratePerSec} messages a second; messages are being dropped`)
        }
        return
      }
      const r = readInbound(raw, d.member, limits.maxMessageBytes)
      if (!r.ok) {
        counters.invalid++
        return void sendError(ws, r.code, r.message)
      }
      if (r.type === 'clock_pong') return clocks?.pong(ws, r.text)
      const room = d.room
      counters.relayed++
      counters.deliveries += room.sockets.size
      opts.publish(room.topic, r.text)
      remember(room, r.type, r.text)
      track(opts.bus().message(d.gameId, r.type, r.text), 'relay publish')
    },
    close(ws, code) {
      const d = ws.data
      const room = d.room
      room.sockets.delete(ws)
      rooms.tidy(room)
      counters.closed++
      if (code === 1006) counters.abnormalCloses++
      if (d.opened) changePresence(room, 'leave', ws)
      log.debug('left', { gameId: d.gameId, conn: d.id, code })
    },
  }

  async function redisOrNull<T>(p: Promise<T>): Promise<T | null> {
    const timeout = Bun.sleep(REDIS_READ_TIMEOUT_MS).then(() => null)
    return Promise.race([p.catch(() => null), timeout])
  }

  return {
    websocket,
    counters,
    get closing() {
      return closing
    },
    get rooms() {
      return rooms.size
    },
    /** Open sockets on this replica. */
    get sockets() {
      return counters.opened - counters.closed
    },
    /** Holds the game's room while the token is checked and the upgrade happens. */
    hold: (gameId: string) => rooms.hold(gameId),
    release: (room: Room) => rooms.release(room),
    /** Everything the welcome needs that must be read before the socket opens. */
    async prepare(room: Room, access: Access): Promise<SocketData> {
      const member: Member = access.playerId
        ? { role: access.role, playerId: access.playerId }
        : access.role === 'spectator'
          ? SPECTATOR
          : { role: access.role }
      // The welcome waits until the relay follows the game, so no event after it is missed. A
      // room with people here already knows its `last` and presence (every change reaches it on
      // the game's channel): only a room's first socket on this replica reads them from Redis.
      const known = room.sockets.size > 0 && room.presence !== null
      const [last, view] = await Promise.all([
        known ? null : redisOrNull(opts.bus().readLast(access.gameId)),
        known ? null : redisOrNull(presence.apply(access.gameId, 'read')),
        redisOrNull(opts.bus().follow(access.gameId)),
      ])
      if (view) presenceChanged(access.gameId, view, {})
      return {
        id: `${opts.replica}:${++nextConn}`,
        gameId: access.gameId,
        kind: access.kind,
        member,
        seq: access.seq,
        last,
        presence: view && { version: view.version, members: view.members },
        room,
        bucket: null,
        opened: false,
      }
    },
    /** A committed event of a game held here: the raw JSON text goes to the room as is. */
    deliverEvent(gameId: string, event: string) {
      const room = rooms.get(gameId)
      if (!room) return
      try {
        const seq = (JSON.parse(event) as { seq?: unknown }).seq
        if (typeof seq === 'number' && seq > room.seq) room.seq = seq
      } catch {
        return void log.warn('unreadable event dropped', { gameId, event: event.slice(0, 200) })
      }
      counters.events++
      counters.deliveries += room.sockets.size
      opts.publish(room.topic, event)
    },
    /** A frame from another replica. */
    onFrame(gameId: string, f: Frame) {
      const room = rooms.get(gameId)
      if (!room) return
      if (f.kind === 'm') remember(room, f.type, f.payload)
      else {
        try {
          const p = JSON.parse(f.payload) as { version?: number; members: Member[] }
          if (p.version !== undefined && p.version >= (room.presence?.version ?? 0))
            room.presence = { version: p.version, members: p.members }
        } catch {
          return
        }
      }
      opts.publish(room.topic, f.payload)
    },
    /** Re-stamps this replica's members (and brings them back after a Redis restart); drops ghosts. */
    heartbeat() {
      for (const room of rooms.all()) {
        const entries = [...room.sockets]
          .filter((s) => s.data.opened)
          .map((s) => [s.data.id, s.data.member] as [string, Member])
        if (entries.length === 0) continue
        track(
          presence.apply(room.gameId, 'refresh', entries).then((view) => presenceChanged(room.gameId, view, {})),
          'presence heartbeat',
        )
      }
    },
    /** Pings every player's phone clock on this replica (every RELAY_CLOCK_PING_MS). */
    pingClocks() {
      for (const room of rooms.all()) clocks?.pingAll(room.sockets)
    },
    /** Closes every socket with 1001 so clients reconnect elsewhere, then waits for their leaves. */
    async close(deadlineMs = 3000) {
      closing = true
      const deadline = Date.now() + deadlineMs
      for (const room of rooms.all())
        for (const ws of room.sockets) ws.close(RelayCloseCode.GOING_AWAY, 'relay shutting down')
      while ([...rooms.all()].some((r) => r.sockets.size > 0) && Date.now() < deadline) await Bun.sleep(20)
      flushPresence()
      while (inflight.size > 0 && Date.now() < deadline)
        await Promise.race([Promise.allSettled([...inflight]), Bun.sleep(100)])
    },
  }
}

export type Relay = ReturnType<typeof createRelay>
