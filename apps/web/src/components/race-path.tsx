// The path of a wiki race so far, start first. An AI move shows, under its article, the reason the AI
// gave for it (contract ext: `moves[].reason`), so people watching see why each click was made.
import type { WikiGameState } from '@gamenight/contracts'

export function RacePath({ game }: { game: WikiGameState }) {
  const steps = [{ article: game.startArticle, reason: undefined }, ...game.moves]
  return (
    <ol class="path" data-testid="path" aria-live="polite">
      {steps.map((m, i) => (
        <li
          key={`${i}-${m.article}`}
          data-article={m.article}
          class={i === 0 ? 'start' : i === steps.length - 1 ? `new${game.isComplete ? ' end' : ''}` : ''}
        >
          <span class="n">{i}</span>
          <span class="step">
            {i === steps.length - 1 ? <strong>{m.article}</strong> : m.article}
            {m.reason && (
              <span class="why" data-testid="reason">
                {m.reason}
              </span>
            )}
          </span>
        </li>
      ))}
      {!game.isComplete && (
        <li class="end" style="opacity:0.6">
          <span class="n">?</span>
          <span>{game.endArticle}</span>
        </li>
      )}
    </ol>
  )
}
