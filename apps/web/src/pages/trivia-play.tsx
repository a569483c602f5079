// The player's phone: join by name (remembered per game, so a refresh or a dropped phone comes back
// as the same player), one big buzzer, own score, the question on screen, and wagers.
import {
  createTriviaApi,
  maxDailyDouble,
  roundTop,
  shownQuestion,
  type TriviaClient,
  type TriviaGame,
} from '@gamenight/client'
import { useEffect, useState } from 'preact/hooks'
import { ErrorNote, toastError } from '../components/alerts.tsx'
import { Frame } from '../components/frame.tsx'
import { GameOverNote } from '../components/game-over.tsx'
import { Podium } from '../components/podium.tsx'
import { Scoreboard } from '../components/scoreboard.tsx'
import { connState, useStore, useTriviaClient } from '../lib/live.ts'
import { type PlayerSeat, seats } from '../lib/storage.ts'
import { fmt } from '../lib/trivia.ts'

/** A press before the buzzers open locks this phone out for a moment, as on the show. */
const LOCKOUT_MS = 1000

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
  return (
    <Frame where={game?.name ?? 'Trivia'} conn={connState(state.connection, state.synced)}>
      <div class="phone" style="padding:0">
        {state.lastError && state.lastError.code !== 'NETWORK' && (
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
        {shown ? (
          <div class="clue" data-testid="clue" aria-live="polite">
            <span class="meta">
              {shown.final ? `Final · ${shown.category}` : `${shown.category} · ${fmt(shown.value)}`}
              {shown.dailyDouble && ' · Daily Double'}
            </span>
            {shown.prompt ?? (shown.final ? 'Place your wager.' : shown.dailyDouble ? 'Daily Double!' : '')}
          </div>
        ) : (
          <div class="clue" style="background:var(--panel)" data-testid="clue-waiting">
            <span class="muted">Waiting for the host to pick a question…</span>
          </div>
        )}
        {game && me && shown?.final && (
          <WagerBox
            client={client}
            game={game}
            seat={seat}
            questionId={shown.question}
            max={Math.max(0, me.score)}
            what="Final wager"
          />
        )}
        {game && me && shown?.dailyDouble && shown.playerId === me.id && !shown.prompt && (
          <WagerBox
            client={client}
            game={game}
            seat={seat}
            questionId={shown.question}
            max={maxDailyDouble(me.score, roundTop(game, shown.question))}
            what="Daily Double wager"
          />
        )}
        {game?.status === 'finished' ? (
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

function Buzzer({
  client,
  game,
  playerId,
  shown,
}: {
  client: TriviaClient
  game: TriviaGame
  playerId: string
  shown: ReturnType<typeof shownQuestion>
}) {
  const [lockedUntil, setLockedUntil] = useState(0)
  const [pending, setPending] = useState(false)
  const [, tick] = useState(0)
  const now = Date.now()
  const locked = lockedUntil > now
  useEffect(() => {
    if (!locked) return
    const t = setTimeout(() => tick((n) => n + 1), lockedUntil - now + 10)
    return () => clearTimeout(t)
  }, [lockedUntil])
  const excluded = (shown?.excluded ?? []).includes(playerId)
  const open = !!shown && !!shown.prompt && !shown.dailyDouble && !shown.final && !excluded
  const armed = game.buzzer.armed
  const winner = game.buzzer.winnerId
  const winnerName = game.players.find((p) => p.id === winner)?.name
  const myBuzz = game.buzzes.find((b) => b.buzzerId === playerId)

  let cls = ''
  let big = 'Buzz'
  let small = ''
  let enabled = false
  if (!shown) small = 'Wait for a question'
  else if (shown.final || shown.dailyDouble)
    small = shown.final ? 'Final round: no buzzers' : 'Daily Double: no buzzers'
  else if (excluded) small = 'You already answered this one'
  else if (winner === playerId && !armed) {
    cls = 'won'
    big = 'First!'
    small = `Answer now${myBuzz?.reactionMs != null ? ` · ${(myBuzz.reactionMs / 1000).toFixed(2)} s` : ''}`
  } else if (winner && !armed) small = `${winnerName ?? 'Someone'} was first`
  else if (locked) {
    cls = 'lockout'
    big = 'Too early'
    small = 'Locked for a moment'
  } else if (open && armed) enabled = true
  else small = shown.prompt ? 'Buzzers are locked' : 'Wait…'

  const press = async () => {
    if (pending) return
    if (!enabled) {
      // Pressing before the buzzers open costs a moment, so hammering the button early never wins.
      if (open && !armed && !winner) setLockedUntil(Date.now() + LOCKOUT_MS)
      return
    }
    setPending(true)
    const r = await client.pressBuzzer(playerId)
    setPending(false)
    if (!r.ok) toastError(r.error)
  }

  // Space or Enter anywhere on the page buzzes (a laptop player); pointerdown is faster than click on phones.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || (e.key !== ' ' && e.key !== 'Enter')) return
      if (/^(INPUT|TEXTAREA|SELECT|SUMMARY|A)$/.test((e.target as HTMLElement).tagName)) return
      e.preventDefault()
      void press()
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  })

  return (
    <div class="buzzer-wrap">
      <button
        type="button"
        class={`buzzer ${cls}${pending ? ' pressed' : ''}`}
        aria-disabled={enabled ? 'false' : 'true'}
        aria-label={`Buzzer: ${big}${small ? `, ${small}` : ''}`}
        data-testid="buzzer"
        data-state={cls || (enabled ? 'armed' : 'locked')}
        onPointerDown={(e) => {
          e.preventDefault()
          void press()
        }}
        onClick={(e) => e.detail === 0 && void press()}
      >
        {big}
        {small && <small>{small}</small>}
      </button>
      <span class="sr-only" aria-live="assertive">
        {cls === 'won'
          ? 'You buzzed first. Answer now.'
          : winner && !armed
            ? `${winnerName ?? 'Someone'} buzzed first.`
            : ''}
      </span>
    </div>
  )
}

function WagerBox({
  client,
  game,
  seat,
  questionId,
  max,
  what,
}: {
  client: TriviaClient
  game: TriviaGame
  seat: PlayerSeat
  questionId: string
  max: number
  what: string
}) {
  // The client's state holds this player's own amount (a Final one is re-read from the snapshot, which shows it to its player).
  const placed = game.wagers.find((w) => w.playerId === seat.playerId && w.questionId === questionId)
  const [amount, setAmount] = useState('')
  const [busy, setBusy] = useState(false)
  if (placed && placed.amount !== null) {
    return (
      <div class="alert ok" role="status" data-testid="wager-placed">
        {what}: <strong class="num">{fmt(placed.amount)}</strong>
      </div>
    )
  }
  const submit = async (e: Event) => {
    e.preventDefault()
    const n = Number(amount)
    if (!Number.isInteger(n) || n < 0) return toastError('A wager is a whole number of points, 0 or more.')
    if (n > max) return toastError(`You can wager at most ${fmt(max)}.`)
    setBusy(true)
    const r = await client.placeWager({ playerId: seat.playerId, questionId, amount: n })
    setBusy(false)
    // Refusals show in the error note (client.lastError); it leaves out NETWORK (the banner says reconnecting), so say it here.
    if (!r.ok && r.error.code === 'NETWORK') toastError(r.error)
  }
  return (
    <form class="card stack" onSubmit={submit} data-testid="wager-form">
      <label class="field">
        {what} (0 – {fmt(max)})
        <input
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          step={1}
          value={amount}
          onInput={(e) => setAmount(e.currentTarget.value)}
          required
          data-testid="my-wager"
        />
      </label>
      <button class="btn gold big" type="submit" disabled={busy}>
        Lock in my wager
      </button>
    </form>
  )
}
