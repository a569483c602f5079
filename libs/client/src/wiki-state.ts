// Wiki race state from snapshots and broadcasts, by the game's `version` (the wiki counterpart of
// the seed's version maps: one entity per game). A move is appended only when it is the next one
// (`moveCount` = moves held + 1); a newer event that skips moves asks for a snapshot instead.
import type { GameEvent, WikiGameState } from '@gamenight/contracts'
import { type Applied, notOlder } from './trivia-state.ts'

export function applyWikiEvent(game: WikiGameState | null, ev: GameEvent): Applied<WikiGameState | null> {
  if (ev.type !== 'wiki_move' && ev.type !== 'wiki_status') return { game, resync: false }
  if (!game) return { game, resync: true }
  if (!notOlder(game.version, ev.version) || ev.version === game.version) return { game, resync: false }
  const skipped = ev.version > game.version + 1
  if (ev.type === 'wiki_status') {
    const next = {
      ...game,
      status: ev.status as WikiGameState['status'],
      isComplete: ev.isComplete,
      version: ev.version,
      failureReason: ev.failureReason ?? game.failureReason,
    }
    return { game: next, resync: skipped }
  }
  const status = ev.status as WikiGameState['status']
  if (ev.moveCount === game.moves.length + 1) {
    // (ext) An AI move's reason is kept with it, so a watcher sees why each click was made.
    const moves = [
      ...game.moves,
      { article: ev.article, timestamp: ev.timestamp, ...(ev.reason !== undefined ? { reason: ev.reason } : {}) },
    ]
    return {
      game: {
        ...game,
        moves,
        moveCount: ev.moveCount,
        currentArticle: ev.article,
        isComplete: ev.isComplete,
        status,
        version: ev.version,
      },
      resync: skipped,
    }
  }
  // Moves are missing in between (or the event repeats one we hold): take what it says, fetch the rest.
  return {
    game: {
      ...game,
      currentArticle: ev.article,
      isComplete: ev.isComplete,
      status,
      version: ev.version,
      moveCount: Math.max(ev.moveCount, game.moveCount),
    },
    resync: ev.moveCount > game.moves.length,
  }
}

export function mergeWikiSnapshot(game: WikiGameState | null, snap: WikiGameState): WikiGameState {
  return !game || notOlder(game.version, snap.version) ? snap : game
}
