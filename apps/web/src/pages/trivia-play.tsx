// The player's phone: join by name (remembered per game, so a refresh or a dropped phone comes back
// as the same player), one big buzzer, own score, the question on screen, and wagers.
import { createTriviaApi, maxDailyDouble, roundTop, shownQuestion } from '@gamenight/client'
import { useEffect, useState } from 'preact/hooks'
import { ErrorNote } from '../components/alerts.tsx'
import { Buzzer } from '../components/buzzer.tsx'
import { Frame } from '../components/frame.tsx'
import { GameOverNote } from '../components/game-over.tsx'
import { Podium } from '../components/podium.tsx'
import { Scoreboard } from '../components/scoreboard.tsx'
import { WagerBox } from '../components/wager-box.tsx'
import { connState, useStore, useTriviaClient } from '../lib/live.ts'
import { type PlayerSeat, seats } from '../lib/storage.ts'
import { fmt } from '../lib/trivia.ts'
import { useClueNews } from '../lib/verdicts.ts'

export function TriviaPlay({ gameId }: { gameId: string }) {
  const [seat, setSeat] = useState<PlayerSeat | null>(() => seats.player(gameId))
  const [notice, setNotice] = useState<string | null>(null)
  if (!seat) return <JoinForm gameId={gameId} notice={notice} onJoined={setSeat} />
  return (
    <PlayerScreen
      gameId={gameId}
      seat={seat}
      onLost={(why) => {
        seats.setPlayer(gameId, null)
        setNotice(why)
        setSeat(null)
      }}
    />
  )
}

function JoinForm({
  gameId,
  notice,
  onJoined,
}: {
  gameId: string
  notice: string | null
  onJoined: (s: PlayerSeat) => void
}) {
  document.title = 'Join · Game Night'
  const [name, setName] = useState(seats.lastName())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const r = await createTriviaApi({ baseUrl: '' }).join(gameId, name.trim())
    setBusy(false)
    if (!r.ok) {
      // NAME_TAKEN carries a free variant ("Alice 2"): offer it in the field.
      if (r.error.suggestion) setName(r.error.suggestion)
      return setError(r.error)
    }
    const seat = { playerId: r.value.id, token: r.value.token, name: r.value.name }
    seats.setPlayer(gameId, seat)
    seats.setLastName(seat.name)
    onJoined(seat)
  }
  return (
    <Frame where="Join the game">
      <form class="card stack" style="max-width:460px;margin:1rem auto" onSubmit={submit} data-testid="join-form">
        <h1>Join the game</h1>
        {notice && (
          <div class="alert info" role="status">
            {notice}
          </div>
        )}
        <label class="field">
          Your name
          <input
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
            required
            maxLength={40}
            autoFocus
            autoComplete="nickname"
            data-testid="player-name"
          />
        </label>
        <ErrorNote error={error} onClose={() => setError(null)} />
        <button class="btn primary big" type="submit" disabled={busy || !name.trim()} data-testid="join">
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </Frame>
  )
}

function PlayerScreen({ gameId, seat, onLost }: { gameId: string; seat: PlayerSeat; onLost: (why: string) => void }) {
  const client = useTriviaClient(gameId, seat.token)!
  const state = useStore(client)
  const game = state.game
  const me = game?.players.find((p) => p.id === seat.playerId)

  // A token the server no longer knows (the game was removed): back to the join form, saying why.
  useEffect(() => {
    const e = state.lastError
    if (e && (e.status === 401 || e.status === 404) && !game)
      onLost(e.status === 404 ? 'That game no longer exists.' : 'This phone was signed out of the game; join again.')
  }, [state.lastError, game])
  useEffect(() => {
    document.title = game ? `${seat.name} · ${game.name}` : 'Game Night'
  }, [game?.name])

  const shown = shownQuestion(state.last, game)
  // Right / wrong on this phone when it was this player who answered (the server's verdict on the clue).
  const news = useClueNews(game)
  const mine = news.verdict?.playerId === seat.playerId ? news.verdict : null
  const finished = game?.status === 'finished'
  return (
    <Frame where={game?.name ?? 'Trivia'} conn={connState(state.connection, state.synced)}>
      <div class="phone" style="padding:0">
        {/* The banner says reconnecting; the buzzer says too early. */}
        {state.lastError && !['NETWORK', 'TOO_EARLY', 'LOCKED_OUT', 'ALREADY_TRIED'].includes(state.lastError.code) && (
          <ErrorNote error={state.lastError} onClose={client.clearError} />
        )}
        {game && <GameOverNote game={game} />}
        <div class="me" data-testid="me">
          <div>
            <div class="muted small">Playing as</div>
            <strong style="font-size:1.2rem" data-testid="my-name">
              {seat.name}
            </strong>
          </div>
          <div style="text-align:right">
            <div class="muted small">Score</div>
            <div class={`score${me && me.score < 0 ? ' neg' : ''}`} data-testid="my-score" data-score={me?.score ?? ''}>
              {me ? fmt(me.score) : '…'}
            </div>
          </div>
        </div>
        {mine && (
          <div
            class={`my-verdict ${mine.undone ? 'undone' : mine.isCorrect ? 'right' : 'wrong'}`}
            role="status"
            data-testid="my-verdict"
            data-verdict={mine.undone ? 'undone' : mine.isCorrect ? 'right' : 'wrong'}
          >
            {mine.undone
              ? 'Your answer was undone'
              : mine.isCorrect
                ? `Right! +${fmt(Math.abs(mine.delta))}`
                : `Wrong −${fmt(Math.abs(mine.delta))}`}
          </div>
        )}
        {shown && !finished ? (
          <div class="clue" data-testid="clue" aria-live="polite">
            <span class="meta">
              {shown.final ? `Final · ${shown.category}` : `${shown.category} · ${fmt(shown.value)}`}
              {shown.dailyDouble && ' · Daily Double'}
            </span>
            {shown.prompt ?? (shown.final ? 'Place your wager.' : shown.dailyDouble ? 'Daily Double!' : '')}
          </div>
        ) : (
          !finished && (
            <div class="clue" style="background:var(--panel)" data-testid="clue-waiting">
              <span class="muted">Waiting for the host to pick a question…</span>
            </div>
          )
        )}
        {game && me && !finished && shown?.final && (
          <WagerBox
            client={client}
            game={game}
            seat={seat}
            questionId={shown.question}
            max={Math.max(0, me.score)}
            what="Final wager"
            closed={!!shown.prompt}
          />
        )}
        {game && me && !finished && shown?.dailyDouble && shown.playerId === me.id && !shown.prompt && (
          <WagerBox
            client={client}
            game={game}
            seat={seat}
            questionId={shown.question}
            max={maxDailyDouble(me.score, roundTop(game, shown.question))}
            what="Daily Double wager"
          />
        )}
        {finished ? (
          <Podium game={game} />
        ) : (
          game && <Buzzer client={client} game={game} playerId={seat.playerId} shown={shown} />
        )}
        {game && (
          <details>
            <summary class="muted">All scores</summary>
            <Scoreboard players={game.players} winnerId={game.buzzer.winnerId} highlightId={seat.playerId} />
          </details>
        )}
      </div>
    </Frame>
  )
}
