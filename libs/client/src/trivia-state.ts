// Trivia state from snapshots and broadcasts, by version (seed: trivia-rest-versioning.md). The
// seed's `playerVersions` / `questionVersions` are the `version` of each player / question held
// here: an update is applied only if its version is not older than the one held (equal is applied:
// it is the same change again), so shuffled and duplicated events end in the same state.
// The same rule covers each category's round (from snapshots), the Final (`final.version`, moved by
// `toggle_question` on its questionId) and wagers (`wagers[].version`, moved by `wager_placed`).
// The game's `status` needs no version: it only moves forward (playing → finished, by `game_over`),
// so `finished` with its `result`, once held, is kept over any snapshot that predates it.
// The current clue (`clue`, rule 2) has its own version, moved by `clue_updated`; `wager_revealed`
// is a wager update that carries the amount (and the judgement, kept in `finalJudgements`);
// `wagers_voided` removes a question's wagers (its clue was left before it was shown).
// Pure functions: (state, input) → state; unchanged parts keep their identity.
import type { ClueView, FinalJudgement, GameEvent, GameResult, Role, Snapshot, WagerView } from '@gamenight/contracts'

export type Buzz = { buzzerId: string; won: boolean; reactionMs: number | null }
/** A player judged on the Final, as revealed to the room (`wager_revealed`, snapshot `finalJudgements`). */
export type { FinalJudgement }
/** The snapshot's game (players, categories by round, Final, wagers, buzzer) plus the presses seen. */
export type TriviaGame = Omit<Snapshot, 'seq' | 'role' | 'playerId'> & {
  /** Presses since the buzzer was last armed, in the order they arrived. */
  buzzes: Buzz[]
}
/** `resync`: the update names something this state does not know, so a snapshot is due. */
export type Applied<G> = { game: G; resync: boolean }

export const notOlder = (held: number | undefined, incoming: number) => held === undefined || incoming >= held

export function handleScoreUpdate(
  game: TriviaGame,
  p: { playerId: string; score: number; version: number; name?: string },
): Applied<TriviaGame> {
  const i = game.players.findIndex((x) => x.id === p.playerId)
  const held = game.players[i]
  if (!held) {
    // A player we have not seen join: keep the score, learn the name from the snapshot.
    const added = { id: p.playerId, name: p.name ?? '', score: p.score, version: p.version }
    return { game: { ...game, players: [...game.players, added] }, resync: p.name === undefined }
  }
  const name = held.name || p.name || ''
  if (!notOlder(held.version, p.version)) {
    if (name === held.name) return { game, resync: false }
    return { game: { ...game, players: replace(game.players, i, { ...held, name }) }, resync: false }
  }
  if (held.score === p.score && held.version === p.version && held.name === name) return { game, resync: false }
  return {
    game: { ...game, players: replace(game.players, i, { ...held, name, score: p.score, version: p.version }) },
    resync: false,
  }
}

export function handleQuestionToggle(
  game: TriviaGame,
  q: { questionId: string; answered: boolean; version: number },
): Applied<TriviaGame> {
  if (game.final?.questionId === q.questionId) {
    const f = game.final
    if (!notOlder(f.version, q.version) || (f.answered === q.answered && f.version === q.version))
      return { game, resync: false }
    // Marking the Final answered reveals its wagers: only a snapshot has the amounts still held as null.
    const hidden = game.wagers.some((w) => w.questionId === f.questionId && w.amount === null)
    return {
      game: { ...game, final: { ...f, answered: q.answered, version: q.version } },
      resync: q.answered && hidden,
    }
  }
  for (let c = 0; c < game.categories.length; c++) {
    const cat = game.categories[c]!
    const i = cat.questions.findIndex((x) => x.id === q.questionId)
    if (i < 0) continue
    const held = cat.questions[i]!
    if (!notOlder(held.version, q.version) || (held.answered === q.answered && held.version === q.version))
      return { game, resync: false }
    const questions = replace(cat.questions, i, { ...held, answered: q.answered, version: q.version })
    return { game: { ...game, categories: replace(game.categories, c, { ...cat, questions }) }, resync: false }
  }
  return { game, resync: true }
}

/** Who is looking: the host and a wager's own player see a Final wager's amount in the snapshot. */
export type Viewer = { role: Role | null; playerId: string | null }

/**
 * A wager by version. A Final wager's amount arrives as null (secret): a held amount of the same
 * version is kept, and when the viewer is allowed to see the new amount (the host, the wager's
 * player, or anyone once the Final is answered) the snapshot is re-read to learn it.
 */
export function handleWager(game: TriviaGame, w: WagerView, viewer?: Viewer): Applied<TriviaGame> {
  const i = game.wagers.findIndex((x) => x.playerId === w.playerId && x.questionId === w.questionId)
  const held = game.wagers[i]
  if (held && !notOlder(held.version, w.version)) return { game, resync: false }
  const amount = w.amount === null && held?.version === w.version ? held.amount : w.amount
  if (held && amount === held.amount && held.version === w.version) return { game, resync: false }
  const next = { playerId: w.playerId, questionId: w.questionId, amount, version: w.version }
  const wagers = held ? replace(game.wagers, i, next) : [...game.wagers, next]
  const revealed = game.final?.questionId === w.questionId && game.final.answered
  const mayRead = viewer?.role === 'host' || (!!viewer?.playerId && viewer.playerId === w.playerId) || revealed
  return { game: { ...game, wagers }, resync: amount === null && mayRead }
}

export function applyTriviaEvent(game: TriviaGame, ev: GameEvent, viewer?: Viewer): Applied<TriviaGame> {
  switch (ev.type) {
    case 'player_joined':
      return handleScoreUpdate(game, ev)
    case 'update_score':
      return handleScoreUpdate(game, ev)
    case 'toggle_question':
      return handleQuestionToggle(game, ev)
    case 'buzzer_pressed': {
      if (!notOlder(game.buzzer.version, ev.version)) return { game, resync: false }
      const buzzes = game.buzzes.some((b) => b.buzzerId === ev.buzzerId)
        ? game.buzzes
        : [...game.buzzes, { buzzerId: ev.buzzerId, won: ev.won, reactionMs: ev.reactionMs }]
      return {
        game: { ...game, buzzer: { armed: false, winnerId: ev.winnerId, version: ev.version }, buzzes },
        resync: false,
      }
    }
    case 'wager_placed':
      return handleWager(game, ev, viewer)
    case 'wagers_voided': {
      const gone = new Set(ev.playerIds)
      const wagers = game.wagers.filter((w) => w.questionId !== ev.questionId || !gone.has(w.playerId))
      return { game: wagers.length === game.wagers.length ? game : { ...game, wagers }, resync: false }
    }
    case 'clue_updated':
      return handleClue(game, ev)
    case 'wager_revealed': {
      const j: FinalJudgement = { playerId: ev.playerId, amount: ev.amount, isCorrect: ev.isCorrect, delta: ev.delta }
      const finalJudgements = [...(game.finalJudgements ?? []).filter((x) => x.playerId !== ev.playerId), j]
      const withJ = { ...game, finalJudgements }
      if (ev.amount === null) return { game: withJ, resync: false }
      const w = handleWager(
        withJ,
        { playerId: ev.playerId, questionId: ev.questionId, amount: ev.amount, version: ev.version },
        viewer,
      )
      return { game: w.game, resync: false }
    }
    case 'game_over':
      return handleGameOver(game, ev)
    case 'buzzer_reset':
      if (
        !notOlder(game.buzzer.version, ev.version) ||
        (game.buzzer.version === ev.version && game.buzzer.armed === ev.armed)
      )
        return { game, resync: false }
      return {
        game: { ...game, buzzer: { armed: ev.armed, winnerId: null, version: ev.version }, buzzes: [] },
        resync: false,
      }
    default:
      return { game, resync: false }
  }
}

/** The current clue by its version: a newer one replaces the held one (another clue, or a new phase). */
export function handleClue(game: TriviaGame, ev: ClueView): Applied<TriviaGame> {
  if (game.clue && !notOlder(game.clue.version, ev.version)) return { game, resync: false }
  const clue: ClueView = {
    questionId: ev.questionId,
    phase: ev.phase,
    readTimeMs: ev.readTimeMs,
    opensAt: ev.opensAt,
    opensInMs: ev.opensInMs,
    openedAt: ev.openedAt,
    lockedOut: ev.lockedOut,
    tried: ev.tried,
    // (an event from an older api may lack these)
    dailyDouble: ev.dailyDouble ?? false,
    prompt: ev.prompt ?? null,
    answer: ev.answer ?? null,
    verdict: ev.verdict ?? null,
    version: ev.version,
  }
  return { game: { ...game, clue }, resync: false }
}

/**
 * The game ended: `status` finished and its `result` (standings, winners, the Final revealed). A
 * Final wager still held as null (secret) is revealed now: only a snapshot has its amount.
 */
export function handleGameOver(game: TriviaGame, ev: GameResult): Applied<TriviaGame> {
  if (game.status === 'finished') return { game, resync: false }
  const result: GameResult = { endedAt: ev.endedAt, standings: ev.standings, winnerIds: ev.winnerIds, final: ev.final }
  const hidden = game.wagers.some((w) => w.amount === null)
  return { game: { ...game, status: 'finished', result }, resync: hidden }
}

/**
 * Merges a snapshot entity by entity: whichever of held and snapshot has the newer version wins. A
 * held wager the snapshot lacks is kept only if the held game has seen events the snapshot has not
 * (`heldSeq` > `snap.seq`: it may be newer); otherwise it was voided.
 */
export function mergeTriviaSnapshot(game: TriviaGame | null, snap: Snapshot, heldSeq = 0): TriviaGame {
  const heldPlayers = new Map(game?.players.map((p) => [p.id, p]))
  const players = snap.players.map((p) => {
    const h = heldPlayers.get(p.id)
    heldPlayers.delete(p.id)
    return h && !notOlder(h.version, p.version) ? { ...h, name: p.name } : p
  })
  const heldQuestions = new Map(game?.categories.flatMap((c) => c.questions.map((q) => [q.id, q] as const)))
  const categories = snap.categories.map((c) => ({
    ...c,
    questions: c.questions.map((q) => {
      const h = heldQuestions.get(q.id)
      return h && !notOlder(h.version, q.version) ? { ...q, answered: h.answered, version: h.version } : q
    }),
  }))
  const newerBuzzer = !game || notOlder(game.buzzer.version, snap.buzzer.version)
  const buzzer = newerBuzzer ? snap.buzzer : game.buzzer
  const buzzes =
    game && game.buzzer.version === buzzer.version
      ? game.buzzes
      : buzzer.winnerId
        ? [{ buzzerId: buzzer.winnerId, won: true, reactionMs: null }]
        : []
  const final =
    snap.final && game?.final && !notOlder(game.final.version, snap.final.version)
      ? { ...snap.final, answered: game.final.answered, version: game.final.version }
      : snap.final
  const heldWagers = new Map(game?.wagers.map((w) => [`${w.playerId}:${w.questionId}`, w]))
  const wagers = snap.wagers.map((w) => {
    const h = heldWagers.get(`${w.playerId}:${w.questionId}`)
    heldWagers.delete(`${w.playerId}:${w.questionId}`)
    return h && !notOlder(h.version, w.version) ? h : w
  })
  const clue = game?.clue && snap.clue && !notOlder(game.clue.version, snap.clue.version) ? game.clue : snap.clue
  const { seq: _seq, role: _role, playerId: _playerId, ...rest } = snap
  const ended = game?.status === 'finished' && snap.status !== 'finished'
  return {
    ...rest,
    ...(ended ? { status: game.status, result: game.result } : {}),
    players: [...players, ...heldPlayers.values()],
    categories,
    final,
    wagers: heldSeq > snap.seq ? [...wagers, ...heldWagers.values()] : wagers,
    buzzer,
    buzzes,
    clue: clue ?? game?.clue ?? null,
    // The snapshot's judgements, plus any held ones it predates (an event after it was read).
    finalJudgements: [
      ...(snap.finalJudgements ?? []),
      ...(game?.finalJudgements ?? []).filter((j) => !snap.finalJudgements?.some((x) => x.playerId === j.playerId)),
    ],
  }
}

function replace<T>(xs: T[], i: number, x: T): T[] {
  const out = xs.slice()
  out[i] = x
  return out
}
