// The TV on the wall: the board (answered cells greyed), the question big when the host opens one
// with the buzzers' state (open, closed, who pressed first, who is locked out), right / wrong as
// the host judges, the scoreboard (negative scores in red), a QR code with a short join code and
// URL beside it, and the podium at the end. Read-only (the view token).
import { buzzersOf, type Shown, shownQuestion, type TriviaGame, tooEarlyOf } from '@gamenight/client'
import { type ClueVerdict, joinCode } from '@gamenight/contracts'
import { useEffect, useState } from 'preact/hooks'
import { BadLink, linkRefused } from '../components/bad-link.tsx'
import { BoardGrid, currentRound } from '../components/board.tsx'
import { ConnBadge, ReconnectBanner } from '../components/frame.tsx'
import { Podium } from '../components/podium.tsx'
import { Qr } from '../components/qr.tsx'
import { Scoreboard } from '../components/scoreboard.tsx'
import { describe } from '../lib/errors.ts'
import { connState, useStore, useTriviaClient } from '../lib/live.ts'
import { hash } from '../lib/router.tsx'
import { fmt } from '../lib/trivia.ts'
import { useClueNews } from '../lib/verdicts.ts'

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
  const news = useClueNews(game)
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
  const round = currentRound(game, state.last)
  const code = joinCode(gameId)
  const finished = game.status === 'finished'
  return (
    <div class="tv" data-testid="tv">
      <ReconnectBanner state={conn} />
      <div class="stack" style="gap:1vw">
        <div class="row spread">
          <h1 style="margin:0;font-family:var(--display)">{game.name}</h1>
          <span class="row">
            {!finished && game.categories.some((c) => c.round === 2) && <span class="pill gold">Round {round}</span>}
            <ConnBadge state={conn} />
          </span>
        </div>
        {finished ? <Podium game={game} /> : <BoardGrid game={game} round={round} selectedId={shown?.question} />}
      </div>
      <aside class="side">
        <h2>Scores</h2>
        <Scoreboard players={game.players} winnerId={shown ? game.buzzer.winnerId : null} />
        {!finished && (
          <div class="join" data-testid="tv-join">
            <Qr text={`${location.origin}/j/${code}`} label="QR code to join the game" />
            <div>
              <div class="join-url">{location.host}/j</div>
              <div class="join-code" data-testid="join-code">
                {code}
              </div>
            </div>
          </div>
        )}
      </aside>
      {news.verdict && <VerdictBanner game={game} verdict={news.verdict} />}
      {news.answer && !shown && !finished && (
        <div class="tv-answer" data-testid="tv-answer" aria-live="polite">
          The answer was: <strong>{news.answer.text}</strong>
        </div>
      )}
      {shown && !finished && <TvClue game={game} shown={shown} />}
    </div>
  )
}

/** The clue full screen: category and value, the prompt once shown, and the buzzers' state. */
function TvClue({ game, shown }: { game: TriviaGame; shown: Shown }) {
  const nameOf = (id: string | null | undefined) => game.players.find((p) => p.id === id)?.name ?? 'Someone'
  const winner = game.buzzer.winnerId
  const winnerMs = game.buzzes.find((b) => b.buzzerId === winner)?.reactionMs
  const plain = !shown.final && !shown.dailyDouble
  const buzzers = plain ? buzzersOf(game, shown.question) : null
  const lockedOut = shown.excluded ?? []
  const tooEarly = plain ? tooEarlyOf(game, shown.question) : []
  return (
    <div class="tv-clue" role="dialog" aria-modal="false" aria-label="Question" data-testid="tv-clue">
      <div class="meta">{shown.final ? `Final · ${shown.category}` : `${shown.category} · ${fmt(shown.value)}`}</div>
      {shown.prompt ? (
        <div class="prompt" data-testid="tv-prompt">
          {shown.prompt}
        </div>
      ) : shown.dailyDouble ? (
        <div class="dd-banner">Daily Double!</div>
      ) : shown.final ? (
        <>
          <div class="prompt">Place your wagers</div>
          <FinalWagerers game={game} questionId={shown.question} />
        </>
      ) : null}
      {shown.answer && !shown.final && (
        <div class="tv-clue-answer" data-testid="tv-clue-answer">
          {shown.answer}
        </div>
      )}
      <div class="who" aria-live="assertive" data-testid="tv-winner">
        {buzzers === 'won'
          ? `${nameOf(winner)}${winnerMs != null ? ` · ${(winnerMs / 1000).toFixed(2)} s` : ''}`
          : shown.dailyDouble && shown.playerId
            ? nameOf(shown.playerId)
            : ''}
      </div>
      {buzzers && buzzers !== 'won' && (
        <div
          class={`tv-buzzers ${buzzers === 'open' ? 'open' : 'closed'}`}
          data-testid="tv-buzzers"
          data-state={buzzers}
        >
          {buzzers === 'open' ? 'Buzzers open' : 'Buzzers closed'}
          {buzzers === 'reading' && game.clue?.opensInMs != null && (
            <OpensIn key={game.clue.version} inMs={game.clue.opensInMs} />
          )}
        </div>
      )}
      {tooEarly.length > 0 && (
        <div class="tv-locked" data-testid="tv-too-early">
          Too early: {tooEarly.map(nameOf).join(', ')}
        </div>
      )}
      {lockedOut.length > 0 && (
        <div class="tv-locked" data-testid="tv-locked-out">
          Locked out: {lockedOut.map(nameOf).join(', ')}
        </div>
      )}
    </div>
  )
}

/** Who has locked in a Final wager and who the room is still waiting for (names only: amounts stay secret). */
function FinalWagerers({ game, questionId }: { game: TriviaGame; questionId: string }) {
  const wagered = new Set(game.wagers.filter((w) => w.questionId === questionId).map((w) => w.playerId))
  const waiting = game.players.filter((p) => !wagered.has(p.id))
  return (
    <div class="tv-wagerers" data-testid="tv-wagerers">
      <ul>
        {game.players.map((p) => (
          <li key={p.id} class={wagered.has(p.id) ? 'in' : 'out'} data-wagered={wagered.has(p.id) ? 'yes' : 'no'}>
            <span aria-hidden="true">{wagered.has(p.id) ? '✓' : '…'}</span> {p.name}
          </li>
        ))}
      </ul>
      <div class="tv-waiting" data-testid="tv-waiting-for">
        {waiting.length ? `Waiting for ${waiting.map((p) => p.name).join(', ')}` : 'Every wager is in'}
      </div>
    </div>
  )
}

/**
 * "· open in 3 s" while the clue is read: counted from when this screen learnt it (`opensInMs` is
 * relative to when the server sent it, so the TV's own clock need not agree with the database's).
 */
function OpensIn({ inMs }: { inMs: number }) {
  const [deadline] = useState(() => Date.now() + inMs)
  const [, tick] = useState(0)
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 250)
    return () => clearInterval(t)
  }, [])
  const left = Math.ceil((deadline - Date.now()) / 1000)
  return left > 0 ? <span data-testid="tv-opens-in"> · open in {left} s</span> : null
}

/** Right / wrong / undone for the room: who, and the points won or lost. */
function VerdictBanner({ game, verdict }: { game: TriviaGame; verdict: ClueVerdict }) {
  const name = game.players.find((p) => p.id === verdict.playerId)?.name ?? 'Someone'
  const kind = verdict.undone ? 'undone' : verdict.isCorrect ? 'right' : 'wrong'
  const points = fmt(Math.abs(verdict.delta))
  return (
    <div class="tv-verdicts" aria-live="assertive">
      <div class={`tv-verdict ${kind}`} data-testid="tv-verdict" data-verdict={kind}>
        {kind === 'undone' ? (
          <>
            <span aria-hidden="true">↶</span> {name}: answer undone
          </>
        ) : (
          <>
            <span aria-hidden="true">{kind === 'right' ? '✓' : '✗'}</span> {name} {kind === 'right' ? 'right' : 'wrong'}{' '}
            {kind === 'right' ? '+' : '−'}
            {points}
          </>
        )}
      </div>
    </div>
  )
}
