// Every Lua script the bus runs, registered on each client by createRedis (node-redis `defineScript`:
// the client sends EVALSHA and falls back to EVAL by itself when Redis lost its script cache). Each
// script touches only the keys it is given, so they stay valid when keys move (keys.ts).
import { type CommandParser, defineScript } from 'redis'

/** A script's reply as node-redis hands it over (RESP2/3 arrays, strings, integers). */
type Reply = unknown

export const scripts = {
  // Renews our claim on an AI turn only while the entry is still ours: XCLAIM ... JUSTID resets the
  // idle time without counting a delivery, but would also steal an entry another worker has since
  // reclaimed. 1 = renewed, 0 = not ours any more.
  renewAiTurn: defineScript({
    NUMBER_OF_KEYS: 1,
    SCRIPT: `
local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[3], ARGV[3], 1)
if p[1] and p[1][2] == ARGV[2] then
  redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
  return 1
end
return 0`,
    parseCommand(parser: CommandParser, stream: string, group: string, consumer: string, entryId: string) {
      parser.pushKey(stream)
      parser.push(group, consumer, entryId)
    },
    transformReply: (reply: Reply) => Number(reply) === 1,
  }),

  // Deletes a consumer only if it holds nothing: XGROUP DELCONSUMER drops its pending entries, which
  // would lose their games' turns. Atomic so no entry can be delivered to it in between. True if deleted.
  deleteConsumerIfIdle: defineScript({
    NUMBER_OF_KEYS: 1,
    SCRIPT: `
local p = redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2])
if #p == 0 then return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2]) end
return -1`,
    parseCommand(parser: CommandParser, stream: string, group: string, consumer: string) {
      parser.pushKey(stream)
      parser.push(group, consumer)
    },
    transformReply: (reply: Reply) => Number(reply) >= 0,
  }),

  // A relay coordination message: remembered as the room's last of its type (unless the room already
  // keeps `maxTypes` other types) and published on the game's shard channel in the same script, so
  // `last` never lags behind what was relayed. Both keys share the game's hash tag (keys.ts).
  relayRememberAndPublish: defineScript({
    NUMBER_OF_KEYS: 2,
    SCRIPT: `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 or redis.call('HLEN', KEYS[1]) < tonumber(ARGV[4]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('SPUBLISH', KEYS[2], ARGV[5] .. ARGV[2])`,
    parseCommand(
      parser: CommandParser,
      lastKey: string,
      channel: string,
      a: { type: string; payload: string; ttlMs: number; maxTypes: number; header: string },
    ) {
      parser.pushKey(lastKey)
      parser.pushKey(channel)
      parser.push(a.type, a.payload, String(a.ttlMs), String(a.maxTypes), a.header)
    },
    transformReply: (reply: Reply) => reply,
  }),

  // One committed event: appended to the game's backlog (trimmed to about `maxLen`, expiring `ttlSec`
  // after the game's last event) and published on the game's shard channel with its backlog id, in
  // one step, so a relay that sees the message can also find it (and everything before it) in the
  // backlog. Reply: the entry id.
  publishGameEvent: defineScript({
    NUMBER_OF_KEYS: 2,
    SCRIPT: `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'gameId', ARGV[3], 'event', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[2])
redis.call('SPUBLISH', KEYS[2], ARGV[5] .. id .. '\\n' .. ARGV[4])
return id`,
    parseCommand(
      parser: CommandParser,
      stream: string,
      channel: string,
      a: { gameId: string; event: string; maxLen: number; ttlSec: number; header: string },
    ) {
      parser.pushKey(stream)
      parser.pushKey(channel)
      parser.push(String(a.maxLen), String(a.ttlSec), a.gameId, a.event, a.header)
    },
    transformReply: (reply: Reply) => String(reply),
  }),

  // Room presence (presence.ts): expire members whose replica stopped re-stamping them, apply the
  // operation, bump `_v` (never down: max(v + 1, Redis time in ms)) when anything changed.
  // ARGV: op, ttlMs, keyTtlMs, then field/member pairs. Reply: {version, members, expired, changed}.
  relayPresence: defineScript({
    NUMBER_OF_KEYS: 1,
    SCRIPT: `
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
return { string.format('%.0f', v), members, left, changed and 1 or 0 }`,
    parseCommand(parser: CommandParser, key: string, args: string[]) {
      parser.pushKey(key)
      parser.push(...args)
    },
    transformReply: (reply: Reply) => reply,
  }),
}
