// Presence of this replica's rooms: who is in each room (libs/bus presence.ts keeps it in Redis,
// across replicas), snapshots announced to the room here and to the other replicas, the room's
// newest snapshot remembered for the welcome. Redis down: the room hears this replica's part of
// it, without a version.
//
// Spectators come and go in crowds (a wall of TVs, a stream's viewers): their changes are applied
// and announced per room in batches every `batchMs`, one Redis script and one snapshot for the lot.
// One each would cost a room of n sockets n snapshots of n members to n sockets while it fills:
// O(n³) bytes, which is where a connect storm's time and memory went (docs/BENCHMARKS.md, relay
// capacity). Hosts and players are announced at once, with `joined`/`left`.
import { byRole, type Presence, type PresenceView } from '@gamenight/bus'
import type { Member } from '@gamenight/contracts'
import type { createRooms, Room, Socket } from './rooms.ts'

type Change = { joined?: Member; left?: Member }

export function createRoomPresence(opts: {
  presence: Presence
  rooms: ReturnType<typeof createRooms>
  batchMs: number
  /** To this replica's sockets of a room (Bun's topic). */
  publish: (topic: string, text: string) => void
  /** To the other replicas (the game's channel). */
  publishAcross: (gameId: string, text: string) => void
  track: <T>(p: Promise<T>, what: string) => Promise<T | undefined>
}) {
  const { presence, rooms } = opts

  function localMembers(room: Room): Member[] {
    return [...room.sockets]
      .filter((s) => s.data.opened)
      .map((s) => s.data.member)
      .sort(byRole)
  }

  /** Sends a presence snapshot to the room here and on every other replica. */
  function announce(gameId: string, members: Member[], change: Change, version?: number) {
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
    if (version !== undefined) opts.publishAcross(gameId, text)
  }

  function presenceChanged(gameId: string, view: PresenceView, change: Change) {
    if (!view.changed) return
    // Members of a dead replica that expired are announced as having left, one event each.
    for (const ghost of view.ghosts) announce(gameId, view.members, { left: ghost }, view.version)
    if (change.joined || change.left || view.ghosts.length === 0) announce(gameId, view.members, change, view.version)
  }

  function apply(room: Room, op: 'join' | 'leave', entries: [string, Member][]) {
    const one = entries.length === 1 ? entries[0]![1] : undefined
    const change = one ? (op === 'join' ? { joined: one } : { left: one }) : {}
    opts.track(
      presence.apply(room.gameId, op, entries).then(
        (view) => presenceChanged(room.gameId, view, change),
        // Redis is down: tell this replica's part of the room, without a version.
        () => announce(room.gameId, localMembers(room), change),
      ),
      `presence ${op}`,
    )
  }

  const batches = new Map<Room, { join: [string, Member][]; leave: [string, Member][] }>()
  let timer: Timer | null = null
  function flush() {
    if (timer) clearTimeout(timer)
    timer = null
    const due = [...batches]
    batches.clear()
    for (const [room, b] of due) {
      if (b.join.length) apply(room, 'join', b.join)
      if (b.leave.length) apply(room, 'leave', b.leave)
    }
  }

  return {
    localMembers,
    presenceChanged,
    /** A socket opened (join) or closed (leave): at once for hosts and players, batched for spectators. */
    change(room: Room, op: 'join' | 'leave', ws: Socket) {
      const entry: [string, Member] = [ws.data.id, ws.data.member]
      if (ws.data.member.role !== 'spectator' || opts.batchMs <= 0) return apply(room, op, [entry])
      let b = batches.get(room)
      if (!b) {
        b = { join: [], leave: [] }
        batches.set(room, b)
      }
      b[op].push(entry)
      timer ??= setTimeout(flush, opts.batchMs)
    },
    /** Applies the batched changes now (shutdown). */
    flush,
  }
}
