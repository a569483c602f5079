// Room presence across replicas, in one Redis hash per room: field = `${replica}:${conn}`, value =
// `${expiresAtMs}|${member JSON}`. Each replica re-stamps its own fields on a heartbeat, so members
// of a replica that died expire (no ghosts) and members lost with a Redis restart come back. Every
// change bumps `_v`, which only goes up (max(v + 1, Redis time in ms), so it survives a Redis that
// restarted empty): clients apply a presence snapshot only if its version is not older.
import type { Member } from '@gamenight/contracts'
import type { Keys } from './keys.ts'
import type { Redis } from './redis.ts'

export type PresenceOp = 'read' | 'join' | 'leave' | 'refresh'
/** `ghosts`: members whose replica stopped re-stamping them (expired in this call). */
export type PresenceView = { version: number; members: Member[]; ghosts: Member[]; changed: boolean }

const ROLE_ORDER = { host: 0, player: 1, spectator: 2 } as const
export const byRole = (a: Member, b: Member) =>
  ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.playerId ?? '').localeCompare(b.playerId ?? '')

export type Presence = ReturnType<typeof createPresence>

/** Presence of every room (a hash each, keys.relayPresence); `ttlMs`: how long a member's stamp lasts. */
export function createPresence(opts: { redis: Redis; keys: Keys; ttlMs: number }) {
  return {
    /** `entries`: [field, member] pairs (for 'leave' the member is ignored). */
    async apply(gameId: string, op: PresenceOp, entries: [string, Member][] = []): Promise<PresenceView> {
      const args = [op, String(opts.ttlMs), String(opts.ttlMs * 2)]
      for (const [field, m] of entries) args.push(field, JSON.stringify(m))
      const [v, members, ghosts, changed] = (await opts.redis.relayPresence(opts.keys.relayPresence(gameId), args)) as [
        string,
        string[],
        string[],
        number,
      ]
      return {
        version: Number(v),
        members: members.map((m) => JSON.parse(m) as Member).sort(byRole),
        ghosts: ghosts.map((m) => JSON.parse(m) as Member),
        changed: changed === 1,
      }
    },
  }
}
