// A player's own wager on the phone (Daily Double or Final): the form until placed, then the amount;
// once the clue is shown (wagers locked on the server) a player without one is told so, not offered the form.
import type { TriviaClient, TriviaGame } from '@gamenight/client'
import { useState } from 'preact/hooks'
import type { PlayerSeat } from '../lib/storage.ts'
import { fmt } from '../lib/trivia.ts'
import { toastError } from './alerts.tsx'

export function WagerBox({
  client,
  game,
  seat,
  questionId,
  max,
  what,
  closed = false,
}: {
  client: TriviaClient
  game: TriviaGame
  seat: PlayerSeat
  questionId: string
  max: number
  what: string
  /** The clue is shown: the server refuses wagers on it from now on. */
  closed?: boolean
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
  if (closed) {
    return (
      <div class="alert info" role="status" data-testid="wager-closed">
        Wagers are closed: the clue is shown.
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
