// The open question on the host console: prompt and answer, who buzzed (reaction times), and the
// host's moves: right, wrong (re-arms for the others), re-arm, nobody, back; Daily Double and Final
// wagers. Scores change on screen only when the broadcast arrives (the client's state).
import type { TriviaClient, TriviaGame } from '@gamenight/client'
import { useEffect, useRef, useState } from 'preact/hooks'
import {
  findQuestion,
  fmt,
  wagerOf as heldWager,
  maxDailyDouble,
  roundTop,
  type Send,
  type Shown,
} from '../lib/trivia.ts'
import { toastError } from './alerts.tsx'
import type { AnswerLogApi } from './answer-log.tsx'

type Props = {
  client: TriviaClient
  game: TriviaGame
  shown: Shown
  log: AnswerLogApi
  send: Send
}

export function QuestionPanel({ client, game, shown, log, send }: Props) {
  const found = findQuestion(game, shown.question)
  const isFinal = !!shown.final
  const prompt = isFinal ? game.final?.prompt : found?.question.prompt
  const answer = isFinal ? game.final?.answer : found?.question.answer
  const label = isFinal ? `Final: ${shown.category}` : `${shown.category} for ${shown.value}`
  const [busy, setBusy] = useState(false)
  const winnerId = game.buzzer.winnerId
  const nameOf = (id: string | null | undefined) => game.players.find((p) => p.id === id)?.name ?? 'someone'
  const excluded = shown.excluded ?? []
  const panel = useRef<HTMLElement>(null)

  const run = async (fn: () => Promise<void>) => {
    if (busy) return
    setBusy(true)
    try {
      await fn()
    } finally {
      setBusy(false)
    }
  }
  const wagerOf = (playerId: string) => heldWager(game, playerId, shown.question)

  /** Records an answer; returns true when the api took it. */
  const judge = async (playerId: string, isCorrect: boolean) => {
    const r = await client.answer({ playerId, questionId: shown.question, isCorrect })
    if (!r.ok) return false
    const points = Math.abs(r.value.score - (game.players.find((p) => p.id === playerId)?.score ?? r.value.score))
    log.add({
      answerId: r.value.answerId,
      player: nameOf(playerId),
      label,
      isCorrect,
      points: points || (wagerOf(playerId) ?? shown.value),
    })
    return true
  }
  const close = async (markAnswered: boolean) => {
    if (markAnswered && !isFinal && found && !found.question.answered) {
      const r = await client.toggleQuestion(shown.question, true)
      if (!r.ok) return
    }
    send({ type: 'clear_question' })
  }

  const right = (playerId: string | null) =>
    run(async () => {
      if (!playerId) return toastError('Nobody has buzzed yet.')
      if (await judge(playerId, true)) await close(true)
    })
  const wrong = (playerId: string | null) =>
    run(async () => {
      if (!playerId) return toastError('Nobody has buzzed yet.')
      if (!(await judge(playerId, false))) return
      if (shown.dailyDouble) return close(true)
      // Open the buzzers for everyone else; the one who missed stays locked out of this question.
      send({
        type: 'select_question',
        question: shown.question,
        category: shown.category,
        value: shown.value,
        prompt: shown.prompt,
        excluded: [...excluded, playerId],
      })
      await client.resetBuzzer()
    })
  const rearm = () => run(async () => void (await client.resetBuzzer()))

  useEffect(() => {
    if (isFinal) return
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return
      const answering = shown.dailyDouble ? (shown.playerId ?? null) : winnerId
      const k = e.key.toLowerCase()
      if (k === 'r') void right(answering)
      else if (k === 'w') void wrong(answering)
      else if (k === 'a' && !shown.dailyDouble) void rearm()
      else if (k === 'n') void run(() => close(true))
      else if (e.key === 'Escape') void run(() => close(false))
      else return
      e.preventDefault()
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  })
  useEffect(() => panel.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), [shown.question])

  return (
    <section class="card question-panel stack" ref={panel} aria-labelledby="q-h" data-testid="question-panel">
      <div class="row spread">
        <h2 id="q-h" style="margin:0">
          {shown.dailyDouble && <span class="pill gold">Daily Double</span>} {label}
        </h2>
        <button type="button" class="btn ghost small" onClick={() => run(() => close(false))} disabled={busy}>
          Back to board <kbd>Esc</kbd>
        </button>
      </div>
      {prompt && <p class="prompt">{prompt}</p>}
      {answer && (
        <p class="answer">
          Answer: <span data-testid="answer">{answer}</span>
        </p>
      )}
      {shown.dailyDouble ? (
        <DailyDouble {...{ client, game, shown, log, busy, run, send, right, wrong, wagerOf }} />
      ) : isFinal ? (
        <Final {...{ client, game, shown, busy, run, send, judge, wagerOf, log, prompt }} />
      ) : (
        <>
          <div aria-live="assertive" data-testid="buzz-status">
            {game.buzzer.armed ? (
              <p class="pill good">Buzzers open — waiting for the first press…</p>
            ) : winnerId ? (
              <p>
                <strong style="font-size:1.3rem">{nameOf(winnerId)}</strong> buzzed first.
              </p>
            ) : (
              <p class="pill bad">Buzzers locked</p>
            )}
          </div>
          {game.buzzes.length > 0 && (
            <ol class="buzz-list" aria-label="Buzzes in order" data-testid="buzzes">
              {game.buzzes.map((b, i) => (
                <li class={b.won ? 'first' : ''} key={b.buzzerId}>
                  <span class="n">{i + 1}.</span>
                  <span class="grow">{nameOf(b.buzzerId)}</span>
                  <span class="num muted">{b.reactionMs === null ? '' : `${(b.reactionMs / 1000).toFixed(2)} s`}</span>
                </li>
              ))}
            </ol>
          )}
          {excluded.length > 0 && <p class="small muted">Already tried: {excluded.map(nameOf).join(', ')}</p>}
          <div class="row">
            <button
              type="button"
              class="btn good big"
              disabled={busy || !winnerId}
              onClick={() => right(winnerId)}
              data-testid="mark-right"
            >
              ✓ Right <kbd>R</kbd>
            </button>
            <button
              type="button"
              class="btn bad big"
              disabled={busy || !winnerId}
              onClick={() => wrong(winnerId)}
              data-testid="mark-wrong"
            >
              ✗ Wrong <kbd>W</kbd>
            </button>
            <button type="button" class="btn" disabled={busy} onClick={rearm} data-testid="rearm">
              Re-arm buzzers <kbd>A</kbd>
            </button>
            <button
              type="button"
              class="btn ghost"
              disabled={busy}
              onClick={() => run(() => close(true))}
              data-testid="nobody"
            >
              Nobody — close <kbd>N</kbd>
            </button>
          </div>
        </>
      )}
    </section>
  )
}

type Sub = Props & {
  busy: boolean
  run: (fn: () => Promise<void>) => Promise<void>
  wagerOf: (playerId: string) => number | null
}

function WagerInput({
  max,
  onPlace,
  busy,
  label,
}: {
  max: number
  onPlace: (n: number) => void
  busy: boolean
  label: string
}) {
  const [amount, setAmount] = useState('')
  return (
    <form
      class="row"
      onSubmit={(e) => {
        e.preventDefault()
        const n = Number(amount)
        if (!Number.isInteger(n) || n < 0) return toastError('A wager is a whole number of points, 0 or more.')
        if (n > max) return toastError(`The most that can be wagered here is ${fmt(max)}.`)
        onPlace(n)
      }}
    >
      <input
        type="number"
        min={0}
        max={max}
        step={1}
        value={amount}
        onInput={(e) => setAmount(e.currentTarget.value)}
        aria-label={label}
        placeholder={`0 – ${fmt(max)}`}
        style="width:9rem"
        data-testid="wager-input"
      />
      <button type="submit" class="btn small primary" disabled={busy}>
        Place wager
      </button>
    </form>
  )
}

function DailyDouble({
  client,
  game,
  shown,
  busy,
  run,
  send,
  right,
  wrong,
  wagerOf,
}: Sub & { right: (id: string | null) => void; wrong: (id: string | null) => void }) {
  const [playerId, setPlayerId] = useState(shown.playerId ?? game.players[0]?.id ?? '')
  const player = game.players.find((p) => p.id === playerId)
  const found = findQuestion(game, shown.question)
  const wager = player ? wagerOf(player.id) : null
  if (!game.players.length) return <p class="muted">No players have joined yet.</p>
  const choose = (id: string) => {
    setPlayerId(id)
    send({
      type: 'select_question',
      question: shown.question,
      category: shown.category,
      value: shown.value,
      dailyDouble: true,
      playerId: id,
      ...(shown.prompt ? { prompt: shown.prompt } : {}),
    })
  }
  return (
    <div class="stack">
      <label class="field" style="max-width:20rem">
        Who found it?
        <select
          value={playerId}
          onChange={(e) => choose(e.currentTarget.value)}
          disabled={!!shown.prompt}
          data-testid="dd-player"
        >
          {game.players.map((p) => (
            <option value={p.id} key={p.id}>
              {p.name} ({fmt(p.score)})
            </option>
          ))}
        </select>
      </label>
      {player && (
        <div class="row">
          {wager === null ? (
            <WagerInput
              busy={busy}
              max={maxDailyDouble(player.score, roundTop(game, shown.question))}
              label={`Wager for ${player.name}`}
              onPlace={(amount) =>
                run(async () => {
                  // A refusal shows in the console's error note (client.lastError), like every other action.
                  await client.placeWager({ playerId: player.id, questionId: shown.question, amount })
                })
              }
            />
          ) : (
            <span class="pill gold" data-testid="dd-wager">
              {player.name} wagers {fmt(wager)}
            </span>
          )}
          {!shown.prompt ? (
            <button
              type="button"
              class="btn primary"
              disabled={busy || wager === null}
              onClick={() =>
                send({
                  type: 'select_question',
                  question: shown.question,
                  category: shown.category,
                  value: shown.value,
                  dailyDouble: true,
                  playerId: player.id,
                  prompt: found?.question.prompt,
                })
              }
              data-testid="reveal"
            >
              Reveal the clue
            </button>
          ) : (
            <>
              <button
                type="button"
                class="btn good"
                disabled={busy}
                onClick={() => right(player.id)}
                data-testid="mark-right"
              >
                ✓ Right <kbd>R</kbd>
              </button>
              <button
                type="button"
                class="btn bad"
                disabled={busy}
                onClick={() => wrong(player.id)}
                data-testid="mark-wrong"
              >
                ✗ Wrong <kbd>W</kbd>
              </button>
            </>
          )}
        </div>
      )}
    </div>
  )
}

function Final({
  client,
  game,
  shown,
  busy,
  run,
  send,
  judge,
  wagerOf,
  log,
  prompt,
}: Sub & {
  judge: (playerId: string, isCorrect: boolean) => Promise<boolean>
  prompt: string | undefined
}) {
  const judged = new Set(log.items.filter((a) => !a.undone && a.label.startsWith('Final')).map((a) => a.player))
  const finalId = game.final?.questionId
  const missing = game.players.filter((p) => wagerOf(p.id) === null)
  return (
    <div class="stack">
      <p class="muted small">
        Players place their wagers on their phones (or you place them here). Reveal the clue when everyone is in.
      </p>
      <ul class="buzz-list" data-testid="final-players">
        {game.players.map((p) => {
          const w = wagerOf(p.id)
          return (
            <li key={p.id}>
              <span class="grow">
                <strong>{p.name}</strong> <span class="muted small num">{fmt(p.score)}</span>
              </span>
              {w === null ? (
                <WagerInput
                  busy={busy}
                  max={Math.max(0, p.score)}
                  label={`Final wager for ${p.name}`}
                  onPlace={(amount) =>
                    run(async () => {
                      // A refusal shows in the console's error note (client.lastError), like every other action.
                      await client.placeWager({ playerId: p.id, questionId: finalId!, amount })
                    })
                  }
                />
              ) : (
                <span class="pill gold">wagers {fmt(w)}</span>
              )}
              {shown.prompt &&
                (judged.has(p.name) ? (
                  <span class="pill">judged</span>
                ) : (
                  <>
                    <button
                      type="button"
                      class="btn small good"
                      disabled={busy}
                      onClick={() => run(async () => void (await judge(p.id, true)))}
                      aria-label={`${p.name} is right`}
                    >
                      ✓
                    </button>
                    <button
                      type="button"
                      class="btn small bad"
                      disabled={busy}
                      onClick={() => run(async () => void (await judge(p.id, false)))}
                      aria-label={`${p.name} is wrong`}
                    >
                      ✗
                    </button>
                  </>
                ))}
            </li>
          )
        })}
      </ul>
      <div class="row">
        {!shown.prompt ? (
          <button
            type="button"
            class="btn primary"
            disabled={busy}
            onClick={() =>
              send({
                type: 'select_question',
                question: shown.question,
                final: true,
                category: shown.category,
                value: 0,
                prompt,
              })
            }
            data-testid="reveal"
          >
            Reveal the Final clue{missing.length ? ` (${missing.length} without a wager)` : ''}
          </button>
        ) : (
          <button
            type="button"
            class="btn gold"
            disabled={busy}
            data-testid="finish-final"
            onClick={() =>
              run(async () => {
                // Marking the Final answered reveals every wager to everyone; ending the game fixes the standings.
                const r = await client.toggleQuestion(finalId!, true)
                if (!r.ok) return
                send({ type: 'clear_question' })
                await client.endGame()
              })
            }
          >
            Finish the game
          </button>
        )}
      </div>
    </div>
  )
}
