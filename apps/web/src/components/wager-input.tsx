// A wager field for the host (Daily Double, Final): checked as typed (libs/client checkWager), so a
// refusal from the api is only for rules the console cannot know (the wager locked meanwhile).
import { checkWager } from '@gamenight/client'
import { useState } from 'preact/hooks'
import { fmt } from '../lib/trivia.ts'
import { toastError } from './alerts.tsx'

type Props = { max: number; onPlace: (amount: number) => void; busy: boolean; label: string }

export function WagerInput({ max, onPlace, busy, label }: Props) {
  const [amount, setAmount] = useState('')
  return (
    <form
      class="row"
      onSubmit={(e) => {
        e.preventDefault()
        const w = checkWager(amount, max)
        if (!w.ok) return toastError(w.error)
        onPlace(w.amount)
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
