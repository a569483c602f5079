// The end of a trivia game, on every screen: who won (ties included) with the final scores, as a
// notice (host, phones) and as the sentence under the podium (podium.tsx), from `game.result`.
import type { TriviaGame } from '@gamenight/client'
import type { GameResult } from '@gamenight/contracts'
import { fmt } from '../lib/trivia.ts'

/** "Ada wins with 1,200." / "Ada and Bo share the win with 800." / "Nobody played." */
export function resultSentence(result: GameResult): string {
  const winners = result.standings.filter((s) => s.rank === 1)
  if (winners.length === 0) return 'Nobody played.'
  const names = winners.map((w) => w.name).join(' and ')
  return `${names} ${winners.length > 1 ? 'share the win' : 'wins'} with ${fmt(winners[0]!.score)}.`
}

export function GameOverNote({ game }: { game: TriviaGame }) {
  const result = game.result
  if (game.status !== 'finished' || !result) return null
  return (
    <section class="alert info" role="status" data-testid="game-over">
      <strong>Game over.</strong> {resultSentence(result)}
    </section>
  )
}
