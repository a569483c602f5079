// The fair buzzer's arithmetic (issue 9, rule 2 "fair over the internet"): how long to wait for
// slower links, and each press's reaction time, from the phone's own clock when it can be trusted.
// Pure functions on milliseconds; every server time is on the database clock (the relay that
// measured a phone's offset is assumed NTP-synced with it, within the tolerance).

/** A phone's clock as the relay measured it over its socket (NTP-style, lowest-RTT samples). */
export type PhoneClock = {
  /** The phone's clock minus the server's (ms). */
  offsetMs: number
  /** One-way delay between the phone and the server (ms): half the best round trip. */
  delayMs: number
}

export type FairBuzzerConfig = {
  /** Upper bound of the arbitration window after the first press (BUZZER_WINDOW_MAX_MS). */
  windowMaxMs: number
  /** Slack for clock and pipeline jitter in the anti-cheat bounds (BUZZER_CLOCK_TOLERANCE_MS). */
  toleranceMs: number
  /** Reaction times under this are not human: the phone's claim is not trusted (BUZZER_MIN_REACTION_MS). */
  minReactionMs: number
  /** How long a too-early press locks its player out (BUZZER_LOCKOUT_MS). */
  lockoutMs: number
}

/** The phone's own times of a press (ms since the epoch, the phone's clock), both optional. */
export type PressClaim = { pressedAt?: number; sawOpenAt?: number }

/**
 * How long to wait after the first press for presses still on their way: a press of the same
 * reaction on the slowest measured link arrives 2 × its one-way delay later (the opening had to
 * reach the phone, the press had to come back), plus the tolerance, at most `windowMaxMs`. 0 when
 * no phone's delay is known: the first press wins at once (old clients, no relay).
 */
export function arbitrationWindowMs(delays: number[], cfg: FairBuzzerConfig): number {
  if (delays.length === 0) return 0
  return Math.min(cfg.windowMaxMs, Math.round(2 * Math.max(...delays) + cfg.toleranceMs))
}

/**
 * A press's reaction time (ms) and whether the phone's own measure was used (`trusted`).
 *
 * - `arrivedAt`: when the press reached the api; `openedAt`: when the buzzers opened for this clue;
 *   `announcedAt`: when that opening was committed (and sent to the phones); all database clock.
 * - With both claimed times and a measured clock: reaction = pressed − saw-open on the phone's own
 *   clock (no offset error), after clamping each into what the network allows: the press happened
 *   no earlier than arrival − delay − tolerance, and the phone saw the opening no later than
 *   announcement + delay + tolerance (nor after its press). Under `minReactionMs` it is not trusted.
 * - Otherwise (old client, no measure, untrusted): arrival − opening − 2 × delay (0 without a
 *   measure), never below 0. The delay counts at most `windowMaxMs`.
 */
export function reactionMs(
  p: {
    arrivedAt: number
    openedAt: number
    announcedAt: number
    claim?: PressClaim
    clock?: PhoneClock | null
  },
  cfg: FairBuzzerConfig,
): { reactionMs: number; trusted: boolean } {
  // A phone that holds back its pongs looks farther away than it is; capping the delay at the
  // window's maximum caps what any phone can claim (a real link that slow misses the window anyway).
  const delay = Math.min(p.clock?.delayMs ?? 0, cfg.windowMaxMs)
  const server = Math.max(0, Math.round(p.arrivedAt - p.openedAt - 2 * delay))
  const { pressedAt, sawOpenAt } = p.claim ?? {}
  if (!p.clock || pressedAt === undefined || sawOpenAt === undefined) return { reactionMs: server, trusted: false }
  const toServer = (phoneMs: number) => phoneMs - p.clock!.offsetMs
  const pressed = Math.min(p.arrivedAt, Math.max(toServer(pressedAt), p.arrivedAt - delay - cfg.toleranceMs))
  const saw = Math.min(toServer(sawOpenAt), p.announcedAt + delay + cfg.toleranceMs, pressed)
  const claimed = Math.round(pressed - saw)
  if (claimed < cfg.minReactionMs) return { reactionMs: server, trusted: false }
  return { reactionMs: claimed, trusted: true }
}
