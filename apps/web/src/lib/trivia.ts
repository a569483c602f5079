// Trivia screen helpers over @gamenight/client: what the host is showing (relayed messages), and
// the parts of the snapshot the client's state does not carry yet (rounds, the Final, wagers).
import { createHttp, type TriviaClient, type TriviaGame } from '@gamenight/client'
import { WagerResult, type FinalView, type RelayedMessage, type Snapshot, type WagerView } from '@gamenight/contracts'
import { useEffect, useState } from 'preact/hooks'

/** What the host puts on every screen (relayed as-is, `from` added by the relay). */
export type Shown = {
  question: string
  at: number
  category: string
  value: number
  /** Absent until the host reveals it (Daily Double and Final: after the wagers). */
  prompt?: string
  dailyDouble?: boolean
  final?: boolean
  /** Daily Double: the player who chose it answers alone. */
  playerId?: string
  /** Players who answered it wrong: their buzzers stay locked for this question. */
  excluded?: string[]
}

/** The question on screen now: the latest `select_question` from the host, unless cleared since or answered. */
export function shownQuestion(last: Record<string, RelayedMessage>, game: TriviaGame | null, extras: Extras): Shown | null {
  const sel = last.select_question as (RelayedMessage & Partial<Shown>) | undefined
  if (!sel || sel.from.role !== 'host' || typeof sel.question !== 'string') return null
  const clear = last.clear_question as (RelayedMessage & { at?: number }) | undefined
  if (clear && clear.from.role === 'host' && (clear.at ?? 0) >= (sel.at ?? 0)) return null
  const q = findQuestion(game, sel.question)
  if (q?.question.answered) return null
  if (sel.final && extras.final?.answered) return null
  return {
    question: sel.question,
    at: sel.at ?? 0,
    category: sel.category ?? q?.category ?? '',
    value: sel.value ?? q?.question.value ?? 0,
    ...(sel.prompt ? { prompt: sel.prompt } : {}),
    ...(sel.dailyDouble ? { dailyDouble: true } : {}),
    ...(sel.final ? { final: true } : {}),
    ...(sel.playerId ? { playerId: sel.playerId } : {}),
    ...(Array.isArray(sel.excluded) ? { excluded: (sel.excluded as unknown[]).filter((x): x is string => typeof x === 'string') } : {}),
  }
}

export function findQuestion(game: TriviaGame | null, id: string) {
  if (!game) return null
  for (let c = 0; c < game.categories.length; c++) {
    const cat = game.categories[c]!
    const question = cat.questions.find((q) => q.id === id)
    if (question) return { category: cat.name, categoryIndex: c, question }
  }
  return null
}

export type Extras = { seq: number; rounds: number[]; final: FinalView | null; wagers: WagerView[] }
const NO_EXTRAS: Extras = { seq: -1, rounds: [], final: null, wagers: [] }

/**
 * Rounds, the Final and wagers, read from the game's snapshot: on start, after every reconnect,
 * and when a wager or the Final changes. The newest snapshot (highest seq) always wins.
 */
export function useExtras(client: TriviaClient | null, gameId: string, synced: boolean): Extras {
  const [extras, setExtras] = useState<Extras>(NO_EXTRAS)
  useEffect(() => {
    if (!client) return
    let alive = true
    let finalId: string | null = null
    const refresh = async () => {
      const r = await client.api.snapshot(gameId)
      if (!alive || !r.ok) return
      const s: Snapshot = r.value
      finalId = s.final?.questionId ?? null
      setExtras((held) => (s.seq < held.seq ? held : { seq: s.seq, rounds: s.categories.map((c) => c.round), final: s.final, wagers: s.wagers }))
    }
    void refresh()
    const off = client.onMessage((m) => {
      if (m.type === 'wager_placed' || (m.type === 'toggle_question' && (m as { questionId?: string }).questionId === finalId)) void refresh()
    })
    return () => {
      alive = false
      off()
    }
  }, [client, gameId, synced])
  return extras
}

/** POST /api/games/{id}/wagers through the client's typed HTTP (same error values, idempotent retries). */
export function placeWager(token: string, gameId: string, body: { playerId: string; questionId: string; amount: number }) {
  return createHttp({ baseUrl: '', token }).request('POST', `/api/games/${encodeURIComponent(gameId)}/wagers`, WagerResult, { body, mutation: true })
}

/** Highest Daily Double wager allowed (api rule): the player's score or the round's top value, whichever is more. */
export function maxDailyDouble(score: number, roundTop: number) {
  return Math.max(score, roundTop)
}

/** The top value of the round a question is in (a Daily Double may be wagered up to it). */
export function roundTop(game: TriviaGame, rounds: number[], questionId: string): number {
  const found = findQuestion(game, questionId)
  if (!found) return 0
  const round = rounds[found.categoryIndex] ?? 1
  return Math.max(0, ...game.categories.filter((_, i) => (rounds[i] ?? 1) === round).flatMap((c) => c.questions.map((q) => q.value)))
}

export const fmt = (n: number) => (n < 0 ? `−${Math.abs(n).toLocaleString()}` : n.toLocaleString())
