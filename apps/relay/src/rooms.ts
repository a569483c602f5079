// The rooms this replica has people in (or is about to: an upgrade in flight holds its room so
// nothing relayed between the token check and the socket opening is missed). A room remembers the
// highest event seq it relayed, the latest message of each coordination type, and the newest
// presence snapshot, so a joiner's welcome is never older than what the room already saw.
import type { Member } from '@gamenight/contracts'
import type { ServerWebSocket } from 'bun'
import type { Bucket } from './bucket.ts'
import type { ClockFilter } from './clock.ts'

export type Room = {
  gameId: string
  topic: string
  sockets: Set<Socket>
  holds: number
  seq: number
  last: Map<string, string>
  presence: { version: number; members: Member[] } | null
}

export type SocketData = {
  /** `${replica}:${n}`: this connection's presence field. */
  id: string
  gameId: string
  kind: 'trivia' | 'wiki'
  member: Member
  /** The game's seq read with the token, and the room state read from Redis before the upgrade. */
  seq: number
  last: Record<string, string> | null
  presence: { version: number; members: Member[] } | null
  room: Room
  /** Flood control, made at the socket's first message. */
  bucket: Bucket | null
  opened: boolean
  /** A player's phone clock samples (clock.ts); absent for hosts and spectators. */
  clock?: ClockFilter
}
export type Socket = ServerWebSocket<SocketData>

/** `onForget(gameId)`: the room emptied and is gone (the relay stops following its game). */
export function createRooms(onForget: (gameId: string) => void = () => {}) {
  const rooms = new Map<string, Room>()
  /** Forgets a room no socket is in and no upgrade is holding. */
  const tidy = (room: Room) => {
    if (room.holds <= 0 && room.sockets.size === 0 && rooms.get(room.gameId) === room) {
      rooms.delete(room.gameId)
      onForget(room.gameId)
    }
  }
  return {
    tidy,
    get: (gameId: string) => rooms.get(gameId),
    all: () => rooms.values(),
    get size() {
      return rooms.size
    },
    hold(gameId: string): Room {
      let room = rooms.get(gameId)
      if (!room) {
        room = { gameId, topic: `g:${gameId}`, sockets: new Set(), holds: 0, seq: 0, last: new Map(), presence: null }
        rooms.set(gameId, room)
      }
      room.holds++
      return room
    },
    release(room: Room) {
      room.holds--
      tidy(room)
    },
  }
}
