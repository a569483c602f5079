// The phone's buzzer: one big button that says what it can do now (wait, buzz, first!, someone
// else was first, too early, already answered). A press while the host reads the clue goes to the
// server, which answers 409 TOO_EARLY and locks the player out for a moment (BUZZER_LOCKOUT_MS),
// so hammering the button early never wins; the phone says "Too early" meanwhile. Space or Enter
// buzzes on a laptop.
import { buzzersOf, type Shown, type TriviaClient, type TriviaGame, tooEarlyOf } from '@gamenight/client'
import { useEffect, useState } from 'preact/hooks'
import { toastError } from './alerts.tsx'

/**
 * How long "Too early" shows after the server refused a press (its lockout is BUZZER_LOCKOUT_MS,
 * 500 ms by default, on its own clock). Presses are still sent meanwhile: the server decides.
 */
const LOCKOUT_SHOWN_MS = 1000
/** Refusals the buzzer itself explains (no error note). */
const SAID_BY_THE_BUZZER = new Set(['TOO_EARLY', 'LOCKED_OUT', 'ALREADY_TRIED'])

export function Buzzer({
  client,
  game,
  playerId,
  shown,
}: {
  client: TriviaClient
  game: TriviaGame
  playerId: string
  shown: Shown | null
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
  const buzzers = shown ? buzzersOf(game, shown.question) : 'closed'
  // The server's word (clue_updated) or its 409 to this phone's own press.
  const tooEarly = locked || (!!shown && tooEarlyOf(game, shown.question).includes(playerId) && buzzers === 'reading')
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
  else if (tooEarly) {
    cls = 'lockout'
    big = 'Too early'
    small = 'Locked out for a moment'
  } else if (open && armed) enabled = true
  else if (open && buzzers === 'reading') {
    // Pressable (the server answers "too early"), but grey: this is not the moment.
    cls = 'reading'
    big = 'Wait…'
    small = 'The host is reading the clue'
  } else small = shown.prompt ? 'Buzzers are closed' : 'Wait…'

  const press = async () => {
    if (pending) return
    // Before the buzzers open, only a clue being read takes a press (and answers "too early").
    if (!enabled && !(open && !winner && buzzers === 'reading') && !tooEarly) return
    setPending(true)
    const r = await client.pressBuzzer(playerId)
    setPending(false)
    if (r.ok) return
    if (r.error.code === 'TOO_EARLY' || r.error.code === 'LOCKED_OUT') {
      setLockedUntil(Date.now() + LOCKOUT_SHOWN_MS)
      client.clearError()
    } else if (SAID_BY_THE_BUZZER.has(r.error.code)) client.clearError()
    else toastError(r.error)
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
        aria-disabled={enabled || cls === 'reading' ? 'false' : 'true'}
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
