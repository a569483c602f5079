// The Final on the host console: every player's wager (secret until judged; placed on the phones
// or here), revealing the clue, judging each player, then finishing the game.
import { type HostStep, type TriviaGame, wagerOf } from '@gamenight/client'
import type { HostFlow } from '../lib/host-flow.ts'
import { fmt } from '../lib/trivia.ts'
import { WagerInput } from './wager-input.tsx'

type Props = { game: TriviaGame; step: Extract<HostStep, { kind: 'final' }>; flow: HostFlow }

export function HostFinal({ game, step, flow }: Props) {
  const { busy, act } = flow
  const finalId = game.final?.questionId ?? ''
  return (
    <div class="stack">
      <p class="muted small">
        Players place their wagers on their phones (or you place them here). Reveal the clue when everyone is in: wagers
        lock when it is shown.
      </p>
      <ul class="buzz-list" data-testid="final-players">
        {game.players.map((p) => {
          const w = wagerOf(game, p.id, finalId)
          return (
            <li key={p.id}>
              <span class="grow">
                <strong>{p.name}</strong> <span class="muted small num">{fmt(p.score)}</span>
              </span>
              {w !== null ? (
                <span class="pill gold">wagers {fmt(w)}</span>
              ) : step.stage === 'wagers' ? (
                <WagerInput
                  busy={busy}
                  max={Math.max(0, p.score)}
                  label={`Final wager for ${p.name}`}
                  onPlace={(amount) => act({ type: 'wager', playerId: p.id, amount })}
                />
              ) : (
                <span class="pill">no wager</span>
              )}
              {step.stage === 'judge' &&
                (step.judged.includes(p.id) ? (
                  <span class="pill">judged</span>
                ) : (
                  <>
                    <button
                      type="button"
                      class="btn small good"
                      disabled={busy}
                      onClick={() => act({ type: 'judge-final', playerId: p.id, isCorrect: true })}
                      aria-label={`${p.name} is right`}
                    >
                      ✓
                    </button>
                    <button
                      type="button"
                      class="btn small bad"
                      disabled={busy}
                      onClick={() => act({ type: 'judge-final', playerId: p.id, isCorrect: false })}
                      aria-label={`${p.name} is wrong`}
                    >
                      ✗
                    </button>
                  </>
                ))}
            </li>
          )
        })}
      </ul>
      <div class="row">
        {step.stage === 'wagers' ? (
          <button
            type="button"
            class="btn primary"
            disabled={busy}
            onClick={() => act({ type: 'reveal' })}
            data-testid="reveal"
          >
            Reveal the Final clue
            {step.withoutWager.length ? ` (${step.withoutWager.length} without a wager)` : ''}
          </button>
        ) : (
          <button
            type="button"
            class="btn gold"
            disabled={busy}
            data-testid="finish-final"
            onClick={() => act({ type: 'finish' })}
          >
            Finish the game
          </button>
        )}
      </div>
    </div>
  )
}
