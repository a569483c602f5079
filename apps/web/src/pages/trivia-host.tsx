// The host console: the board (pick a question → shown on every screen), who buzzed first, right /
// wrong, re-arm, undo, score corrections, wagers, who is connected, and the invite links.
import { hostStep, shownQuestion } from '@gamenight/client'
import type { PlayerView } from '@gamenight/contracts'
import { useEffect, useState } from 'preact/hooks'
import { ErrorNote, toastError } from '../components/alerts.tsx'
import { AnswerLog, useAnswerLog } from '../components/answer-log.tsx'
import { BadLink, linkRefused } from '../components/bad-link.tsx'
import { BoardGrid, currentRound, roundsOf } from '../components/board.tsx'
import { Frame } from '../components/frame.tsx'
import { GameOverNote } from '../components/game-over.tsx'
import { Invite } from '../components/invite.tsx'
import { Podium } from '../components/podium.tsx'
import { QuestionPanel } from '../components/question-panel.tsx'
import { Scoreboard } from '../components/scoreboard.tsx'
import { useHostFlow } from '../lib/host-flow.ts'
import { connState, useStore, useTriviaClient } from '../lib/live.ts'
import { hash } from '../lib/router.tsx'
import { seats } from '../lib/storage.ts'
import type { Send } from '../lib/trivia.ts'

export function TriviaHost({ gameId }: { gameId: string }) {
  // A co-host link carries the token in the fragment (never sent to a server): keep it, then hide it.
  const fromLink = new URLSearchParams(hash.value.slice(1)).get('host')
  if (fromLink && seats.host(gameId)?.token !== fromLink)
    seats.setHost(gameId, { token: fromLink, viewToken: seats.host(gameId)?.viewToken ?? '' })
  if (fromLink) history.replaceState(null, '', location.pathname)
  const seat = seats.host(gameId)
  const client = useTriviaClient(gameId, seat?.token ?? null)
  if (!seat || !client) {
    return (
      <BadLink
        title="This browser is not the host of this game"
        ways={[
          { href: `/trivia/${gameId}`, label: 'Join as a player' },
          { href: '/trivia/new', label: 'Host a new game' },
        ]}
      >
        <p>The host console opens on the device that created the game, or from a co-host link.</p>
      </BadLink>
    )
  }
  return <HostConsole gameId={gameId} client={client} hostToken={seat.token} viewToken={seat.viewToken} />
}

function HostConsole({
  gameId,
  client,
  hostToken,
  viewToken,
}: {
  gameId: string
  client: NonNullable<ReturnType<typeof useTriviaClient>>
  hostToken: string
  viewToken: string
}) {
  const state = useStore(client)
  const log = useAnswerLog(gameId)
  // A key that reads the game but is not the host's (a player's) is no host link either.
  const refused = linkRefused(state.lastError, !!state.game) || (!!state.role && state.role !== 'host')
  useEffect(() => {
    if (!refused) return
    // A forged or stale co-host key never starts working: stop reconnecting and forget it.
    client.close()
    seats.forgetHost(gameId)
  }, [refused])
  const game = state.game
  const shown = shownQuestion(state.last, game)
  const [editing, setEditing] = useState<string | null>(null)

  useEffect(() => {
    document.title = game ? `Host · ${game.name}` : 'Host console'
  }, [game?.name])

  const present = new Set(state.presence.filter((m) => m.role === 'player' && m.playerId).map((m) => m.playerId!))
  const screens = state.presence.filter((m) => m.role === 'spectator').length

  const send: Send = (msg) => {
    if (!client.send({ ...msg, at: Date.now() }))
      toastError('Not connected to the relay: the screens will update once it reconnects.')
  }
  const view = game ? { game, shown, log: log.items } : null
  const flow = useHostFlow(client, view, log, send)
  const step = view ? hostStep(view) : null

  if (refused) {
    return (
      <BadLink
        title="This host link does not work"
        ways={[
          { href: `/trivia/${gameId}`, label: 'Join as a player' },
          { href: '/trivia/new', label: 'Host a new game' },
        ]}
      >
        <p>
          {state.lastError?.status === 404
            ? 'This game does not exist any more.'
            : 'The host key in this link is not this game’s: it may be cut short, or from another game. Ask the host for a new co-host link (Invite → Co-host).'}
        </p>
      </BadLink>
    )
  }

  const round = game ? currentRound(game, state.last) : 1
  const rounds = roundsOf(game)
  const final = game?.final ?? null
  // Once the game is over nothing can change: no live controls (the api would refuse them anyway).
  const live = game?.status === 'playing'
  const cluesLeft = game ? game.categories.reduce((n, c) => n + c.questions.filter((q) => !q.answered).length, 0) : 0

  return (
    <Frame where={game ? `Host · ${game.name}` : 'Host console'} conn={connState(state.connection, state.synced)} wide>
      <div style="max-width:1400px;margin:0 auto">
        {state.lastError && <ErrorNote error={state.lastError} onClose={client.clearError} />}
        {game && <GameOverNote game={game} />}
        {!game ? (
          <p class="muted">Loading the game…</p>
        ) : (
          <div class="host-grid">
            <div class="stack">
              <div class="row spread">
                <h1 style="margin:0">{game.name}</h1>
                <div class="row">
                  {rounds.length > 1 && (
                    <div class="round-tabs" role="group" aria-label="Round shown on every screen">
                      {rounds.map((r) => (
                        <button
                          type="button"
                          class="btn small"
                          aria-pressed={r === round}
                          onClick={() => send({ type: 'show_round', round: r })}
                          key={r}
                        >
                          Round {r}
                        </button>
                      ))}
                    </div>
                  )}
                  {final && live && !final.answered && (
                    <FinalButton cluesLeft={cluesLeft} onStart={() => flow.act({ type: 'start-final' })} />
                  )}
                  {live && <EndGameButton onEnd={() => client.endGame()} />}
                </div>
              </div>
              {live && shown && step && (
                <QuestionPanel key={shown.question} game={game} shown={shown} step={step} flow={flow} />
              )}
              {game.status === 'finished' && <Podium game={game} />}
              <BoardGrid
                game={game}
                round={round}
                selectedId={shown?.question}
                {...(live ? { onSelect: (questionId: string) => flow.act({ type: 'select', questionId }) } : {})}
                showDailyDoubles
              />
              {live && (
                <p class="shortcuts">
                  Click a value to show it on every screen. With a question open: <kbd>R</kbd> right · <kbd>W</kbd>{' '}
                  wrong · <kbd>A</kbd> re-arm buzzers · <kbd>N</kbd> nobody (close) · <kbd>Esc</kbd> back to the board.
                </p>
              )}
            </div>
            <aside class="stack">
              <section class="card stack" aria-labelledby="players-h">
                <div class="row spread">
                  <h2 id="players-h" style="margin:0">
                    Players
                  </h2>
                  <span class="pill" title="TV screens and spectators connected" data-testid="screens">
                    {screens} screen{screens === 1 ? '' : 's'}
                  </span>
                </div>
                <Scoreboard
                  players={game.players}
                  winnerId={shown ? game.buzzer.winnerId : null}
                  online={present}
                  actions={(p) =>
                    live && (
                      <ScoreEdit
                        player={p}
                        editing={editing === p.id}
                        setEditing={setEditing}
                        onSave={(v) => client.setScore(p.id, v)}
                      />
                    )
                  }
                />
              </section>
              <AnswerLog
                log={log}
                {...(live ? { onUndo: (answerId: string) => flow.act({ type: 'undo', answerId }) } : {})}
              />
              {/* The view token is known only where the game was created (a co-host link carries the host token alone). */}
              {viewToken ? <Invite gameId={gameId} viewToken={viewToken} hostToken={hostToken} /> : null}
            </aside>
          </div>
        )}
      </div>
    </Frame>
  )
}

function ScoreEdit({
  player,
  editing,
  setEditing,
  onSave,
}: {
  player: PlayerView
  editing: boolean
  setEditing: (id: string | null) => void
  onSave: (v: number) => Promise<unknown>
}) {
  if (!editing) {
    return (
      <button
        type="button"
        class="btn ghost small"
        aria-label={`Correct ${player.name}'s score`}
        title="Correct the score"
        onClick={() => setEditing(player.id)}
      >
        ✎
      </button>
    )
  }
  return <ScoreForm player={player} setEditing={setEditing} onSave={onSave} />
}

/**
 * The score field starts at the score when it opens, set as it mounts: an effect resetting it
 * after the first paint could overwrite what was typed in between (a flaky browser test did just
 * that), and a score update arriving while the host types must not clobber the field either.
 */
function ScoreForm({
  player,
  setEditing,
  onSave,
}: {
  player: PlayerView
  setEditing: (id: string | null) => void
  onSave: (v: number) => Promise<unknown>
}) {
  const [value, setValue] = useState(() => String(player.score))
  const save = async (e: Event) => {
    e.preventDefault()
    const n = Number(value)
    if (!Number.isInteger(n)) return toastError('A score is a whole number.')
    await onSave(n)
    setEditing(null)
  }
  return (
    <form class="row" onSubmit={save} style="gap:0.3rem;flex-wrap:nowrap">
      <input
        type="number"
        step={1}
        value={value}
        aria-label={`New score for ${player.name}`}
        style="width:7rem;min-height:34px;padding:0.2rem 0.5rem"
        autoFocus
        onInput={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
        data-testid="score-input"
      />
      <button class="btn small primary" type="submit">
        Save
      </button>
    </form>
  )
}

/** How long a first click on "End the game" stays armed: a stray click much later must not end it. */
const ARMED_MS = 8000

/** Ending is for good, so it takes a second click (no browser dialog), with a cancel; it disarms by itself. */
function EndGameButton({ onEnd }: { onEnd: () => Promise<unknown> }) {
  const [armed, setArmed] = useState(false)
  useEffect(() => {
    if (!armed) return
    const t = setTimeout(() => setArmed(false), ARMED_MS)
    return () => clearTimeout(t)
  }, [armed])
  if (!armed)
    return (
      <button type="button" class="btn small ghost" data-testid="end-game" onClick={() => setArmed(true)}>
        End the game
      </button>
    )
  return (
    <span class="row" style="gap:0.3rem" role="group" aria-label="End the game?">
      <button type="button" class="btn small bad" data-testid="end-game" onClick={() => void onEnd()}>
        Really end the game?
      </button>
      <button type="button" class="btn small ghost" data-testid="end-game-cancel" onClick={() => setArmed(false)}>
        Cancel
      </button>
    </span>
  )
}

/**
 * "Final round": the primary (gold) action only once the board is done. While clues remain, it asks
 * inline first (no browser dialog) how many are left, since leaving the Final later voids its wagers.
 */
function FinalButton({ cluesLeft, onStart }: { cluesLeft: number; onStart: () => void }) {
  const [asking, setAsking] = useState(false)
  if (asking && cluesLeft > 0)
    return (
      <span class="row final-confirm" style="gap:0.3rem" role="group" data-testid="final-confirm">
        <span class="small">
          {cluesLeft} clue{cluesLeft === 1 ? '' : 's'} left — start the Final anyway?
        </span>
        <button
          type="button"
          class="btn small gold"
          data-testid="final-anyway"
          onClick={() => {
            setAsking(false)
            onStart()
          }}
        >
          Start the Final
        </button>
        <button type="button" class="btn small ghost" data-testid="final-cancel" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </span>
    )
  return (
    <button
      type="button"
      class={`btn small ${cluesLeft > 0 ? 'ghost' : 'gold'}`}
      data-testid="start-final"
      onClick={() => (cluesLeft > 0 ? setAsking(true) : onStart())}
    >
      Final round
    </button>
  )
}
