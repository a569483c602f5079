// The phone's buzzer: one big button that says what it can do now (wait, buzz, first!, someone
// else was first, too early, already answered). Pressing before the buzzers open locks it out for
// a moment, so hammering the button early never wins. Space or Enter buzzes on a laptop.
import type { Shown, TriviaClient, TriviaGame } from '@gamenight/client'
import { useEffect, useState } from 'preact/hooks'
import { toastError } from './alerts.tsx'

/** A press before the buzzers open locks this phone out for a moment, as on the show. */
const LOCKOUT_MS = 1000

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
