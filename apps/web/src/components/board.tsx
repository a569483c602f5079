// The board: categories across, values down; answered cells greyed. Cells are buttons for the host
// (keyboard: Tab / arrows move, Enter selects) and plain cells everywhere else.
import { hostShowRound, type TriviaGame } from '@gamenight/client'
import type { RelayedMessage } from '@gamenight/contracts'
import { fmt } from '../lib/trivia.ts'

type Props = {
  game: TriviaGame
  round: number
  selectedId?: string | null
  onSelect?: (questionId: string) => void
  /** Host only: mark where the Daily Doubles are. */
  showDailyDoubles?: boolean
}

/** The game's rounds (each category's `round`, from the client's state), in order. */
export function roundsOf(game: TriviaGame | null): number[] {
  const rounds = [...new Set(game?.categories.map((c) => c.round) ?? [])].sort((a, b) => a - b)
  return rounds.length ? rounds : [1]
}

/** The round on screen: the host's choice (`show_round`) if any, else the first round with questions left. */
export function currentRound(game: TriviaGame, last: Record<string, RelayedMessage>): number {
  const chosen = hostShowRound(last)
  const all = roundsOf(game)
  if (chosen && all.includes(chosen.round)) return chosen.round
  for (const r of all) {
    const open = game.categories.some((c) => c.round === r && c.questions.some((q) => !q.answered))
    if (open) return r
  }
  return all[all.length - 1] ?? 1
}

export function BoardGrid({ game, round, selectedId, onSelect, showDailyDoubles }: Props) {
  const cats = game.categories.filter((c) => c.round === round)
  const rows = Math.max(0, ...cats.map((c) => c.questions.length))
  const move = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement
    const col = Number(el.dataset.col)
    const row = Number(el.dataset.row)
    if (Number.isNaN(col)) return
    const d: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    }
    const step = d[e.key]
    if (!step) return
    e.preventDefault()
    const next = el
      .closest('.board')
      ?.querySelector<HTMLElement>(`[data-col="${col + step[0]}"][data-row="${row + step[1]}"]`)
    next?.focus()
  }
  return (
    <div
      class="board"
      style={{ '--cols': String(cats.length) }}
      role="grid"
      aria-label={`Board, round ${round}`}
      onKeyDown={move}
      data-testid="board"
    >
      {cats.map((c) => (
        <div class="cat" role="columnheader" key={`h-${c.name}`}>
          {c.name}
        </div>
      ))}
      {Array.from({ length: rows }, (_, r) =>
        cats.map((c, ci) => {
          const q = c.questions[r]
          if (!q) return <div class="cell answered" key={`${ci}-${r}`} aria-hidden="true" />
          const cls = `cell${q.answered ? ' answered' : ''}${q.id === selectedId ? ' selected' : ''}`
          const label = `${c.name} for ${q.value}${q.answered ? ', answered' : ''}${showDailyDoubles && q.dailyDouble ? ', Daily Double' : ''}`
          const text = q.answered ? '' : `${fmt(q.value)}`
          if (onSelect) {
            return (
              <button
                type="button"
                class={cls}
                key={q.id}
                data-col={ci}
                data-row={r}
                data-question={q.id}
                data-answered={q.answered ? 'true' : 'false'}
                aria-label={label}
                aria-pressed={q.id === selectedId}
                onClick={() => onSelect(q.id)}
              >
                {q.answered ? <span class="small">{fmt(q.value)}</span> : text}
                {showDailyDoubles && q.dailyDouble && !q.answered && <span class="dd">DD</span>}
              </button>
            )
          }
          return (
            <div
              class={cls}
              key={q.id}
              role="gridcell"
              aria-label={label}
              data-question={q.id}
              data-answered={q.answered ? 'true' : 'false'}
            >
              {text}
            </div>
          )
        }),
      )}
    </div>
  )
}
