// Room presence across replicas, in one Redis hash per room: field = `${replica}:${conn}`, value =
// `${expiresAtMs}|${member JSON}`. Each replica re-stamps its own fields on a heartbeat, so members
// of a replica that died expire (no ghosts) and members lost with a Redis restart come back. Every
// change bumps `_v`, which only goes up (max(v + 1, Redis time in ms), so it survives a Redis that
// restarted empty): clients apply a presence snapshot only if its version is not older.
import type { Redis } from '@gamenight/bus'
import type { Member } from '@gamenight/contracts'
import { script } from './script.ts'

export type PresenceOp = 'read' | 'join' | 'leave' | 'refresh'
/** `ghosts`: members whose replica stopped re-stamping them (expired in this call). */
export type PresenceView = { version: number; members: Member[]; ghosts: Member[]; changed: boolean }

const PRESENCE = script(`
local key, op, ttl = KEYS[1], ARGV[1], tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local changed, live, left = false, {}, {}
local all = redis.call('HGETALL', key)
for i = 1, #all, 2 do
  local f, v = all[i], all[i + 1]
  if f ~= '_v' then
    local sep = string.find(v, '|', 1, true)
    if tonumber(string.sub(v, 1, sep - 1)) < now then
      redis.call('HDEL', key, f)
      changed = true
      table.insert(left, string.sub(v, sep + 1))
    else
      live[f] = string.sub(v, sep + 1)
    end
  end
end
if op == 'join' or op == 'refresh' then
  for i = 4, #ARGV, 2 do
    if live[ARGV[i]] == nil then changed = true end
    live[ARGV[i]] = ARGV[i + 1]
    redis.call('HSET', key, ARGV[i], string.format('%.0f', now + ttl) .. '|' .. ARGV[i + 1])
  end
elseif op == 'leave' then
  for i = 4, #ARGV, 2 do
    if live[ARGV[i]] ~= nil then
      live[ARGV[i]] = nil
      redis.call('HDEL', key, ARGV[i])
      changed = true
    end
  end
end
local v = tonumber(redis.call('HGET', key, '_v') or '0')
if changed then
  v = math.max(v + 1, now)
  redis.call('HSET', key, '_v', string.format('%.0f', v))
end
redis.call('PEXPIRE', key, ARGV[3])
local members = {}
for _, m in pairs(live) do table.insert(members, m) end
return { string.format('%.0f', v), members, left, changed and 1 or 0 }
`)

const ROLE_ORDER = { host: 0, player: 1, spectator: 2 } as const
export const byRole = (a: Member, b: Member) =>
  ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || (a.playerId ?? '').localeCompare(b.playerId ?? '')

export function createPresence(opts: { redis: Redis; key: (gameId: string) => string; ttlMs: number }) {
  return {
    /** `entries`: [field, member] pairs (for 'leave' the member is ignored). */
    async apply(gameId: string, op: PresenceOp, entries: [string, Member][] = []): Promise<PresenceView> {
      const args = [op, String(opts.ttlMs), String(opts.ttlMs * 2)]
      for (const [field, m] of entries) args.push(field, JSON.stringify(m))
      const [v, members, ghosts, changed] = (await PRESENCE(opts.redis, [opts.key(gameId)], args)) as [
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
