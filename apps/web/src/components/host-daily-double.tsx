// A Daily Double on the host console: who found it, their wager (placed here or on their phone),
// revealing the clue, then right or wrong for that player alone.
import type { HostStep, TriviaGame } from '@gamenight/client'
import type { HostFlow } from '../lib/host-flow.ts'
import { fmt } from '../lib/trivia.ts'
import { WagerInput } from './wager-input.tsx'

type Props = { game: TriviaGame; step: Extract<HostStep, { kind: 'daily-double' }>; flow: HostFlow }

export function HostDailyDouble({ game, step, flow }: Props) {
  const { busy, act } = flow
  if (!game.players.length) return <p class="muted">No players have joined yet.</p>
  const player = game.players.find((p) => p.id === step.playerId)
  return (
    <div class="stack">
      <label class="field" style="max-width:20rem">
        Who found it?
        <select
          value={step.playerId ?? ''}
          onChange={(e) => act({ type: 'choose-dd-player', playerId: e.currentTarget.value })}
          disabled={step.stage === 'judge'}
          data-testid="dd-player"
        >
          {game.players.map((p) => (
            <option value={p.id} key={p.id}>
              {p.name} ({fmt(p.score)})
            </option>
          ))}
        </select>
      </label>
      {player && (
        <div class="row">
          {step.wager === null ? (
            <WagerInput
              busy={busy}
              max={step.maxWager}
              label={`Wager for ${player.name}`}
              onPlace={(amount) => act({ type: 'wager', playerId: player.id, amount })}
            />
          ) : (
            <span class="pill gold" data-testid="dd-wager">
              {player.name} wagers {fmt(step.wager)}
            </span>
          )}
          {step.stage !== 'judge' ? (
            <button
              type="button"
              class="btn primary"
              disabled={busy || step.stage === 'wager'}
              onClick={() => act({ type: 'reveal' })}
              data-testid="reveal"
            >
              Reveal the clue
            </button>
          ) : (
            <>
              <button
                type="button"
                class="btn good"
                disabled={busy}
                onClick={() => act({ type: 'right', playerId: player.id })}
                data-testid="mark-right"
              >
                ✓ Right <kbd>R</kbd>
              </button>
              <button
                type="button"
                class="btn bad"
                disabled={busy}
                onClick={() => act({ type: 'wrong', playerId: player.id })}
                data-testid="mark-wrong"
              >
                ✗ Wrong <kbd>W</kbd>
              </button>
            </>
          )}
        </div>
      )}
    </div>
  )
}
