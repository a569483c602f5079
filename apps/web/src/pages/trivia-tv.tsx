// The TV on the wall: the board (answered cells greyed), the question big when the host opens one,
// who buzzed first, the scoreboard and a QR code to join. Read-only (the view token).
import { shownQuestion } from '@gamenight/client'
import { useEffect } from 'preact/hooks'
import { BadLink, linkRefused } from '../components/bad-link.tsx'
import { BoardGrid, currentRound } from '../components/board.tsx'
import { ConnBadge, ReconnectBanner } from '../components/frame.tsx'
import { GameOverNote } from '../components/game-over.tsx'
import { Qr } from '../components/qr.tsx'
import { Scoreboard } from '../components/scoreboard.tsx'
import { describe } from '../lib/errors.ts'
import { connState, useStore, useTriviaClient } from '../lib/live.ts'
import { hash } from '../lib/router.tsx'
import { fmt } from '../lib/trivia.ts'

export function TriviaTv({ gameId }: { gameId: string }) {
  const token = new URLSearchParams(hash.value.slice(1)).get('view') ?? localStorage.getItem(`gn:view:${gameId}`)
  if (token) localStorage.setItem(`gn:view:${gameId}`, token)
  const client = useTriviaClient(gameId, token)
  if (!client) {
    return (
      <BadLink title="This TV link is incomplete" ways={[{ href: `/trivia/${gameId}`, label: 'Join as a player' }]}>
        <p>
          Open the TV link from the host console (it ends in <code>#view=…</code>).
        </p>
      </BadLink>
    )
  }
  return <Tv gameId={gameId} client={client} />
}

function Tv({ gameId, client }: { gameId: string; client: NonNullable<ReturnType<typeof useTriviaClient>> }) {
  const state = useStore(client)
  const game = state.game
  const shown = shownQuestion(state.last, game)
  const conn = connState(state.connection, state.synced)
  useEffect(() => {
    document.title = game ? `${game.name} · TV` : 'Game Night TV'
  }, [game?.name])

  const refused = linkRefused(state.lastError, !!game)
  useEffect(() => {
    if (!refused) return
    // A refused key never starts working: stop reconnecting and forget it.
    client.close()
    localStorage.removeItem(`gn:view:${gameId}`)
  }, [refused])
  if (refused) {
    return (
      <BadLink title="This TV link does not work" ways={[{ href: `/trivia/${gameId}`, label: 'Join as a player' }]}>
        <p>
          {state.lastError?.status === 404
            ? 'This game does not exist any more.'
            : 'The key in this link is not the TV key of this game: it may be cut short, or from another game.'}
        </p>
        <p>Open the TV link again from the host console (Invite → TV screen).</p>
      </BadLink>
    )
  }
  if (!game) {
    return (
      <div class="tv" style="display:flex;align-items:center;justify-content:center">
        <ReconnectBanner state={conn} />
        <p class="muted" style="font-size:2rem">
          {state.lastError ? describe(state.lastError) : 'Loading the board…'}
        </p>
      </div>
    )
  }
  const winner = game.buzzer.winnerId
  const winnerName = game.players.find((p) => p.id === winner)?.name
  const winnerMs = game.buzzes.find((b) => b.buzzerId === winner)?.reactionMs
  const round = currentRound(game, state.last)
  const joinUrl = `${location.origin}/trivia/${gameId}`
  return (
    <div class="tv" data-testid="tv">
      <ReconnectBanner state={conn} />
      <GameOverNote game={game} />
      <div class="stack" style="gap:1vw">
        <div class="row spread">
          <h1 style="margin:0;font-family:var(--display)">{game.name}</h1>
          <span class="row">
            {game.categories.some((c) => c.round === 2) && <span class="pill gold">Round {round}</span>}
            <ConnBadge state={conn} />
          </span>
        </div>
        <BoardGrid game={game} round={round} selectedId={shown?.question} />
      </div>
      <aside class="side">
        <h2>Scores</h2>
        <Scoreboard players={game.players} winnerId={shown ? winner : null} />
        <div class="join">
          <Qr text={joinUrl} label="QR code to join the game" />
          <div>Scan to play</div>
        </div>
      </aside>
      {shown && (
        <div class="tv-clue" role="dialog" aria-modal="false" aria-label="Question" data-testid="tv-clue">
          <div class="meta">
            {shown.final ? `Final · ${shown.category}` : `${shown.category} · ${fmt(shown.value)}`}
          </div>
          {shown.prompt ? (
            <div class="prompt" data-testid="tv-prompt">
              {shown.prompt}
            </div>
          ) : shown.dailyDouble ? (
            <div class="dd-banner">Daily Double!</div>
          ) : shown.final ? (
            <div class="prompt">Place your wagers</div>
          ) : null}
          <div class="who" aria-live="assertive" data-testid="tv-winner">
            {!shown.final && !shown.dailyDouble && winner && !game.buzzer.armed
              ? `${winnerName ?? 'Someone'}${winnerMs != null ? ` · ${(winnerMs / 1000).toFixed(2)} s` : ''}`
              : shown.dailyDouble && shown.playerId
                ? game.players.find((p) => p.id === shown.playerId)?.name
                : ''}
          </div>
        </div>
      )}
    </div>
  )
}
