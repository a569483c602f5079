// Players by score, the buzz winner highlighted, negative scores in red, presence (host) in words;
// a score that changes flashes so the room notices.
import type { PlayerView } from '@gamenight/contracts'
import type { ComponentChildren } from 'preact'
import { useEffect, useRef } from 'preact/hooks'
import { fmt } from '../lib/trivia.ts'

type Props = {
  players: PlayerView[]
  winnerId?: string | null
  online?: Set<string>
  /** Extra controls per row (the host's score correction). */
  actions?: (p: PlayerView) => ComponentChildren
  highlightId?: string | null
}

export function Scoreboard({ players, winnerId, online, actions, highlightId }: Props) {
  const sorted = [...players].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
  if (!sorted.length)
    return (
      <p class="muted" data-testid="no-players">
        No players yet.
      </p>
    )
  return (
    <ol class="scoreboard" aria-label="Scores" data-testid="scoreboard" style="list-style:none;padding:0;margin:0">
      {sorted.map((p) => (
        <li
          class={`score-row${p.id === winnerId ? ' winner' : ''}`}
          key={p.id}
          data-player={p.id}
          data-player-name={p.name}
          style={p.id === highlightId ? 'border-color: var(--accent)' : undefined}
        >
          {online && <span class={`dot${online.has(p.id) ? ' on' : ''}`} aria-hidden="true" />}
          <span class="name">
            {p.name}
            {p.id === winnerId && <span class="sr-only"> (buzzed first)</span>}
          </span>
          {online && (
            // Presence in words, not only a coloured dot.
            <span class={`presence${online.has(p.id) ? ' on' : ''}`} data-testid="presence">
              {online.has(p.id) ? 'online' : 'away'}
            </span>
          )}
          <Score value={p.score} />
          {actions?.(p)}
        </li>
      ))}
    </ol>
  )
}

function Score({ value }: { value: number }) {
  const ref = useRef<HTMLSpanElement>(null)
  const prev = useRef(value)
  useEffect(() => {
    if (prev.current !== value && ref.current) {
      ref.current.classList.remove('flash')
      void ref.current.offsetWidth
      ref.current.classList.add('flash')
    }
    prev.current = value
  }, [value])
  return (
    <span ref={ref} class={`score num${value < 0 ? ' neg' : ''}`} data-testid="score" data-score={value}>
      {fmt(value)}
    </span>
  )
}
