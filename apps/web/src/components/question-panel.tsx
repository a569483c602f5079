// The open clue on the host console: heading, prompt and answer, and the controls of its step
// (libs/client trivia-host.ts decides the step and what each move does; this only shows them).
import { clueLabel, findQuestion, type HostStep, keyIntent, type Shown, type TriviaGame } from '@gamenight/client'
import { useEffect, useRef } from 'preact/hooks'
import type { HostFlow } from '../lib/host-flow.ts'
import { HostClue } from './host-clue.tsx'
import { HostDailyDouble } from './host-daily-double.tsx'
import { HostFinal } from './host-final.tsx'

type Props = { game: TriviaGame; shown: Shown; step: HostStep; flow: HostFlow }

export function QuestionPanel({ game, shown, step, flow }: Props) {
  const found = findQuestion(game, shown.question)
  const prompt = shown.final ? game.final?.prompt : found?.question.prompt
  const answer = shown.final ? game.final?.answer : found?.question.answer
  const panel = useRef<HTMLElement>(null)

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return
      const intent = keyIntent(e.key, step)
      if (!intent) return
      e.preventDefault()
      void flow.act(intent)
    }
    addEventListener('keydown', onKey)
    return () => removeEventListener('keydown', onKey)
  })
  useEffect(() => panel.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), [shown.question])

  return (
    <section class="card question-panel stack" ref={panel} aria-labelledby="q-h" data-testid="question-panel">
      <div class="row spread">
        <h2 id="q-h" style="margin:0">
          {shown.dailyDouble && <span class="pill gold">Daily Double</span>} {clueLabel(shown)}
        </h2>
        <button type="button" class="btn ghost small" onClick={() => flow.act({ type: 'back' })} disabled={flow.busy}>
          Back to board <kbd>Esc</kbd>
        </button>
      </div>
      {prompt && <p class="prompt">{prompt}</p>}
      {answer && (
        <p class="answer">
          Answer: <span data-testid="answer">{answer}</span>
        </p>
      )}
      {step.kind === 'clue' && <HostClue game={game} step={step} flow={flow} />}
      {step.kind === 'daily-double' && <HostDailyDouble game={game} step={step} flow={flow} />}
      {step.kind === 'final' && <HostFinal game={game} step={step} flow={flow} />}
    </section>
  )
}
