// A board clue on the host console: the buzzers' state, who pressed in which order (reaction
// times), who already tried, and the moves right / wrong / re-arm / nobody.
import type { HostStep, TriviaGame } from '@gamenight/client'
import type { HostFlow } from '../lib/host-flow.ts'

type Props = { game: TriviaGame; step: Extract<HostStep, { kind: 'clue' }>; flow: HostFlow }

export function HostClue({ game, step, flow }: Props) {
  const nameOf = (id: string | null) => game.players.find((p) => p.id === id)?.name ?? 'someone'
  const { busy, act } = flow
  return (
    <>
      <div aria-live="assertive" data-testid="buzz-status">
        {step.buzzers === 'open' ? (
          <p class="pill good">Buzzers open — waiting for the first press…</p>
        ) : step.buzzers === 'won' ? (
          <p>
            <strong style="font-size:1.3rem">{nameOf(step.answering)}</strong> buzzed first.
          </p>
        ) : (
          <p class="pill bad">Buzzers locked</p>
        )}
      </div>
      {game.buzzes.length > 0 && (
        <ol class="buzz-list" aria-label="Buzzes in order" data-testid="buzzes">
          {game.buzzes.map((b, i) => (
            <li class={b.won ? 'first' : ''} key={b.buzzerId}>
              <span class="n">{i + 1}.</span>
              <span class="grow">{nameOf(b.buzzerId)}</span>
              <span class="num muted">{b.reactionMs === null ? '' : `${(b.reactionMs / 1000).toFixed(2)} s`}</span>
            </li>
          ))}
        </ol>
      )}
      {step.tried.length > 0 && (
        <p class="small muted" data-testid="tried">
          Already tried: {step.tried.map(nameOf).join(', ')}
        </p>
      )}
      <div class="row">
        <button
          type="button"
          class="btn good big"
          disabled={busy || !step.answering}
          onClick={() => act({ type: 'right', playerId: step.answering })}
          data-testid="mark-right"
        >
          ✓ Right <kbd>R</kbd>
        </button>
        <button
          type="button"
          class="btn bad big"
          disabled={busy || !step.answering}
          onClick={() => act({ type: 'wrong', playerId: step.answering })}
          data-testid="mark-wrong"
        >
          ✗ Wrong <kbd>W</kbd>
        </button>
        <button type="button" class="btn" disabled={busy} onClick={() => act({ type: 'rearm' })} data-testid="rearm">
          Re-arm buzzers <kbd>A</kbd>
        </button>
        <button
          type="button"
          class="btn ghost"
          disabled={busy}
          onClick={() => act({ type: 'nobody' })}
          data-testid="nobody"
        >
          Nobody — close <kbd>N</kbd>
        </button>
      </div>
    </>
  )
}
