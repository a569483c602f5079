// Phone clocks, measured NTP-style over each player's socket: the relay sends `clock_ping {t0}` (its
// clock), the phone answers `clock_pong {t0, t1, t2}` (t1 received, t2 sent, the phone's clock), the
// relay notes t3 on arrival. Each exchange gives a round trip (t3 − t0) − (t2 − t1) and an offset
// ((t1 − t0) + (t2 − t3)) / 2; the sample with the lowest round trip among the last N is the best
// (the least queueing, so the most symmetric), as NTP's clock filter does. The api's fair buzzer
// reads the best {offsetMs, delayMs} of every player from Redis (libs/bus clocks.ts).
import type { ClockMeasure } from '@gamenight/bus'
import type { Socket } from './rooms.ts'

export type ClockSample = { rttMs: number; offsetMs: number }

/** One exchange's sample, or null when its times cannot be (negative round trip, reply before receipt, > 1 min). */
export function clockSample(t0: number, t1: number, t2: number, t3: number): ClockSample | null {
  if (![t0, t1, t2, t3].every(Number.isFinite) || t2 < t1) return null
  const rttMs = t3 - t0 - (t2 - t1)
  if (rttMs < 0 || rttMs > 60_000) return null
  return { rttMs, offsetMs: (t1 - t0 + (t2 - t3)) / 2 }
}

/** The last `n` samples of one socket and their best: the lowest round trip. */
export function createClockFilter(n: number) {
  const samples: ClockSample[] = []
  return {
    /** Adds a sample; returns the best measure over the last `n`. */
    add(s: ClockSample): ClockMeasure {
      samples.push(s)
      if (samples.length > n) samples.shift()
      const best = samples.reduce((a, b) => (b.rttMs < a.rttMs ? b : a))
      return { offsetMs: Math.round(best.offsetMs), delayMs: Math.round(best.rttMs / 2) }
    },
    get size() {
      return samples.length
    },
  }
}
export type ClockFilter = ReturnType<typeof createClockFilter>

/**
 * The relay's side for its trivia players' sockets: pings (a few quick ones after joining, then on
 * `pingAll`), pongs turned into samples, each socket's best measure saved (`save`, into Redis).
 */
export function createClockPinger(opts: {
  samples: number
  save: (gameId: string, playerId: string, m: ClockMeasure) => Promise<void>
  track: (p: Promise<unknown>, what: string) => unknown
}) {
  const ping = (ws: Socket) => ws.send(`{"type":"clock_ping","t0":${Date.now()}}`)
  return {
    start(ws: Socket) {
      if (ws.data.kind !== 'trivia' || !ws.data.member.playerId) return
      ws.data.clock = createClockFilter(opts.samples)
      ping(ws)
      // A few quick samples first, so a phone that just joined is measured before the next clue.
      for (const ms of [150, 300, 450]) setTimeout(() => ws.data.room.sockets.has(ws) && ping(ws), ms)
    },
    pong(ws: Socket, text: string) {
      const t3 = Date.now()
      const d = ws.data
      if (!d.clock || !d.member.playerId) return
      const p = JSON.parse(text) as { t0?: unknown; t1?: unknown; t2?: unknown }
      const s = clockSample(Number(p.t0), Number(p.t1), Number(p.t2), t3)
      if (s) opts.track(opts.save(d.gameId, d.member.playerId, d.clock.add(s)), 'clock save')
    },
    pingAll(sockets: Iterable<Socket>) {
      for (const ws of sockets) if (ws.data.clock) ping(ws)
    },
  }
}
