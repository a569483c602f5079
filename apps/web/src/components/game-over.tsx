// The end of a trivia game, on every screen: who won (ties included) with the final scores. A
// plain notice for now; the podium screens build on the same `game.result`.
import type { TriviaGame } from '@gamenight/client'
import { fmt } from '../lib/trivia.ts'

export function GameOverNote({ game }: { game: TriviaGame }) {
  const result = game.result
  if (game.status !== 'finished' || !result) return null
  const winners = result.standings.filter((s) => s.rank === 1)
  const names = winners.map((w) => w.name).join(' and ')
  return (
    <section class="alert info" role="status" data-testid="game-over">
      <strong>Game over.</strong>{' '}
      {winners.length === 0
        ? 'Nobody played.'
        : `${names} ${winners.length > 1 ? 'share the win' : 'wins'} with ${fmt(winners[0]!.score)}.`}
    </section>
  )
}
