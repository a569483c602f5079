// The end of a trivia game: the podium (first three places, ties share a step), everyone else's
// standing, and the Final's wagers as the room saw them judged. From `game.result` (the
// `game_over` broadcast), so every screen shows the same standings.
import type { TriviaGame } from '@gamenight/client'
import { fmt } from '../lib/trivia.ts'
import { resultSentence } from './game-over.tsx'

export function Podium({ game }: { game: TriviaGame }) {
  const result = game.result
  if (game.status !== 'finished' || !result) return null
  const byRank = new Map<number, typeof result.standings>()
  for (const s of result.standings) byRank.set(s.rank, [...(byRank.get(s.rank) ?? []), s])
  const ranks = [...byRank.keys()].sort((a, b) => a - b)
  const steps = ranks.slice(0, 3)
  // Classic podium order: second, first, third.
  const order = [steps[1], steps[0], steps[2]].filter((r): r is number => r !== undefined)
  const rest = result.standings.filter((s) => !steps.includes(s.rank))
  const nameOf = (id: string) => result.standings.find((s) => s.playerId === id)?.name ?? ''
  return (
    <section class="podium-wrap" aria-labelledby="podium-h" data-testid="podium">
      <h2 id="podium-h" class="podium-title">
        {result.winnerIds.length > 1 ? 'Shared win!' : 'Winner!'}
      </h2>
      <p class="podium-sentence" role="status" data-testid="game-over">
        {resultSentence(result)}
      </p>
      <ol class="podium" aria-label="Podium">
        {order.map((rank) => (
          <li class={`podium-step place-${steps.indexOf(rank) + 1}`} key={rank} data-rank={rank}>
            <div class="who">
              {byRank.get(rank)!.map((s) => (
                <div key={s.playerId} data-testid="podium-name">
                  <strong>{s.name}</strong>{' '}
                  <span class={`num${s.score < 0 ? ' neg' : ''}`} data-score={s.score}>
                    {fmt(s.score)}
                  </span>
                </div>
              ))}
            </div>
            <div class="block" aria-hidden="true">
              {rank}
            </div>
            <span class="sr-only">place {rank}</span>
          </li>
        ))}
      </ol>
      {rest.length > 0 && (
        <ol class="podium-rest" aria-label="Other places">
          {rest.map((s) => (
            <li key={s.playerId}>
              {s.rank}. {s.name} <span class={`num${s.score < 0 ? ' neg' : ''}`}>{fmt(s.score)}</span>
            </li>
          ))}
        </ol>
      )}
      {result.final && (
        <div class="podium-final" data-testid="final-reveal">
          <h3>
            Final · {result.final.category}: <span class="muted">{result.final.answer}</span>
          </h3>
          <ul class="podium-final-list">
            {result.final.entries.map((e) => (
              <li key={e.playerId}>
                {nameOf(e.playerId)}:{' '}
                {e.wager === null
                  ? 'no wager'
                  : `wagered ${fmt(e.wager)}${e.isCorrect === null ? '' : e.isCorrect ? ' · right' : ' · wrong'}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
