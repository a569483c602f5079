// The worker's read loop over the AI turn stream (BullMQ's shape: `while (!closing)` around a
// blocking read, close() memoized). Order per pass: our own pending entries (after start or a
// group repair), entries idle on dead consumers (XAUTOCLAIM), then new ones (XREADGROUP >).
// Each entry runs as one turn, at most `concurrency` at once; its claim is renewed while it runs.
import { type AiTurn, type AiTurns, isNoGroup, type Redis } from '@gamenight/bus'
import { ApiCallError, backoffDelay, isTransient, type WikiApi } from '@gamenight/client'
import type { Logger } from '@gamenight/log'
import type { Metrics } from './metrics.ts'
import { HandBack, type Step, sleep } from './step.ts'

export type Consumer = ReturnType<typeof createConsumer>

/** Retrying a turn while the api is unavailable: full-jitter delays up to 0.2 s · 2^attempt, at most 5 s. */
const API_BACKOFF = { baseMs: 200, maxMs: 5000 }

export function createConsumer(deps: {
  /** A second connection for the blocking read, so it never queues other commands behind it. */
  reader: Redis
  turns: AiTurns
  step: Step
  api: Pick<WikiApi, 'fail'>
  log: Logger
  metrics: Metrics
  concurrency: number
  blockMs: number
  claimIdleMs: number
  maxDeliveries: number
  /** Whether a new turn may start with this many in flight (the memory ceiling); always true if absent. */
  admit?: (inFlight: number) => boolean
}) {
  const { turns, log, metrics } = deps
  const abort = new AbortController()
  const inFlight = new Map<string, Promise<void>>()
  let waiters: (() => void)[] = []
  let closing = false
  let loop: Promise<void> | null = null
  let closed: Promise<void> | null = null
  // Renew well before anyone may reclaim; check for dead consumers' entries about as often.
  const renewEvery = Math.max(Math.floor(deps.claimIdleMs / 3), 20)
  const claimEvery = Math.max(Math.min(Math.floor(deps.claimIdleMs / 2), 5000), 20)

  const wake = () => {
    const w = waiters
    waiters = []
    for (const f of w) f()
  }
  const full = () => inFlight.size >= deps.concurrency || (deps.admit !== undefined && !deps.admit(inFlight.size))
  async function slot() {
    while (full() && !closing) await new Promise<void>((r) => waiters.push(r))
  }

  function dispatch(entry: AiTurn) {
    if (inFlight.has(entry.id)) return
    const p = handle(entry)
      .catch((err) => log.error('turn handler failed', { entryId: entry.id, err }))
      .finally(() => {
        inFlight.delete(entry.id)
        metrics.setInFlight(inFlight.size)
        wake()
      })
    inFlight.set(entry.id, p)
    metrics.setInFlight(inFlight.size)
  }

  async function handle(entry: AiTurn) {
    const elog = log.child({ gameId: entry.gameId, entryId: entry.id })
    if (!entry.gameId) return deadLetter(entry, entry.problem ?? 'not an AI turn entry', elog)
    if (entry.deliveries > deps.maxDeliveries) return deadLetter(entry, await deadReason(entry), elog)

    let lost = false
    const renewal = setInterval(() => {
      turns.renew(entry.id).then(
        (ok) => {
          if (!ok && !lost) elog.warn('claim lost to another worker; it owns the turn now')
          lost ||= !ok
        },
        () => {}, // Redis hiccup: the next renewal tries again
      )
    }, renewEvery)
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await deps.step(entry.gameId, abort.signal)
          return await settle(entry, r.requeue, () => lost, elog)
        } catch (err) {
          if (err instanceof HandBack) return await settle(entry, true, () => lost, elog)
          if (err instanceof ApiCallError && err.transient) {
            // The api is down or overloaded: not this game's fault, so hold the turn and retry
            // (renewing) rather than letting redeliveries count it towards the dead letter.
            if (closing) return await settle(entry, true, () => lost, elog)
            const backoffMs = backoffDelay(attempt, API_BACKOFF)
            elog.warn('api unavailable; retrying the turn', { err, backoffMs })
            await sleep(backoffMs, abort.signal)
            continue
          }
          // Left pending: XAUTOCLAIM hands it out again after AI_CLAIM_IDLE_MS with one more delivery.
          metrics.stepError({ kind: err instanceof ApiCallError ? err.code : ((err as Error)?.name ?? 'Error') })
          elog.warn('turn failed; left pending for redelivery', { err, deliveries: entry.deliveries })
          await turns.setLastError(entry.id, String((err as Error)?.message ?? err)).catch(() => {})
          return
        }
      }
    } finally {
      clearInterval(renewal)
    }
  }

  /** Ack (and requeue) the turn, unless another worker reclaimed it meanwhile: then it is theirs. */
  async function settle(entry: AiTurn, requeue: boolean, isLost: () => boolean, elog: Logger) {
    for (let attempt = 0; ; attempt++) {
      try {
        // The renewal right before the MULTI resets the idle time, so no one can reclaim in between.
        if (isLost() || !(await turns.renew(entry.id))) return elog.info('turn owned by another worker; not acking')
        await turns.finish(entry, requeue)
        return
      } catch (err) {
        if (isNoGroup(err)) {
          // The stream or group vanished (Redis lost its data): what we held is gone, so put the game back.
          if (requeue && entry.gameId) await turns.putBack(entry.gameId).catch(() => {})
          return
        }
        if (attempt >= 3 || closing) return elog.warn('could not ack; the turn will be reclaimed', { err })
        await sleep(200 * 2 ** attempt)
      }
    }
  }

  async function deadReason(entry: AiTurn): Promise<string> {
    const last = await turns.lastError(entry.id).catch(() => null)
    return `AI turn delivered ${entry.deliveries} times (AI_MAX_DELIVERIES=${deps.maxDeliveries}); last error: ${last ?? 'unknown (a worker stopped mid-turn)'}`
  }

  async function deadLetter(entry: AiTurn, reason: string, elog: Logger) {
    if (entry.gameId) {
      const r = await deps.api.fail(entry.gameId, reason)
      // Down: keep the entry, the next delivery tries again. Unknown or finished game: nothing to mark.
      if (!r.ok && isTransient(r.error)) return elog.warn('cannot mark the game failed yet', { err: r.error })
      if (!r.ok && r.error.status !== 404 && r.error.status !== 409)
        elog.warn('marking the game failed did not work', { err: r.error })
    }
    if (!(await turns.renew(entry.id).catch(() => false))) return
    await turns.deadLetter(entry, reason)
    metrics.deadLetter()
    elog.warn('turn dead-lettered; game marked failed', { reason, deliveries: entry.deliveries })
  }

  async function run() {
    let ownPending = true
    let lastClaim = 0
    while (!closing) {
      try {
        await slot()
        if (closing) break
        if (ownPending) {
          // After a start or a repair: what this consumer already holds comes first.
          await turns.ensureGroup()
          for (let after = '0-0'; !closing; ) {
            const es = await turns.readOwnPending(after, 100)
            if (es.length === 0) break
            after = es[es.length - 1]!.id
            for (const e of es) {
              await slot()
              dispatch(e)
            }
          }
          ownPending = false
          continue
        }
        // At the memory ceiling a turn is let through only when none is in flight: take just that one.
        const free = deps.admit?.(inFlight.size + 1) === false ? 1 : deps.concurrency - inFlight.size
        if (Date.now() - lastClaim >= claimEvery) {
          lastClaim = Date.now()
          const claimed = await turns.autoClaim(deps.claimIdleMs, free)
          if (claimed.length > 0) {
            metrics.reclaim({}, claimed.length)
            log.info('reclaimed idle turns', { count: claimed.length, ids: claimed.map((e) => e.id) })
            claimed.forEach(dispatch)
            continue
          }
        }
        // Even when closing, what this read returns is dispatched: the turns see the abort and hand back.
        ;(await turns.readNew(deps.reader, free, deps.blockMs)).forEach(dispatch)
      } catch (err) {
        if (closing) break
        if (isNoGroup(err)) {
          metrics.groupRepair()
          log.warn('turn stream or consumer group missing; recreating it')
          ownPending = true
          continue
        }
        log.warn('reading the turn stream failed; retrying', { err })
        await sleep(500, abort.signal)
      }
    }
  }

  return {
    start() {
      loop ??= run()
      return loop
    },
    get inFlight() {
      return inFlight.size
    },
    /** Stop reading, let in-flight moves finish (unstarted ones are handed back), then leave the group if empty-handed. */
    close(timeoutMs = 6000): Promise<void> {
      closed ??= (async () => {
        closing = true
        abort.abort()
        wake()
        await loop
        await Promise.race([Promise.allSettled([...inFlight.values()]), Bun.sleep(timeoutMs)])
        try {
          const deleted = await turns.deleteConsumerIfIdle()
          if (deleted) log.info('left the consumer group', { consumer: turns.consumer })
          else
            log.warn('consumer keeps pending entries for reclaim', {
              consumer: turns.consumer,
              pending: await turns.pendingCount(),
            })
        } catch (err) {
          log.warn('could not leave the consumer group', { err })
        }
      })()
      return closed
    },
  }
}
