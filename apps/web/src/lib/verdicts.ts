// What the room is told as the server judges the current clue: right / wrong / undone (the clue's
// `verdict`) and, once it closes, the correct answer (the clue's `answer`), each shown for a few
// seconds from when this screen learnt it. They come with the versioned clue (`clue_updated`, the
// snapshot's `clue`), so any host console or api client judging shows everywhere; what the screen
// finds when it first loads (or reloads) is old news and is not shown, so a reopened TV never
// replays a verdict over a new clue.
import type { TriviaGame } from '@gamenight/client'
import type { ClueVerdict, ClueView } from '@gamenight/contracts'
import { useEffect, useRef, useState } from 'preact/hooks'

const VERDICT_MS = 4000
const ANSWER_MS = 6000

/** A verdict worth telling the room, with the clue it was on. */
export type News = { verdict: ClueVerdict | null; answer: { questionId: string; text: string } | null }

const sameVerdict = (a: ClueVerdict | null, b: ClueVerdict | null) =>
  a === b || (!!a && !!b && a.playerId === b.playerId && a.isCorrect === b.isCorrect && a.undone === b.undone)

/** The verdict and the closed clue's answer to show now (null each when none; the Final's answer is on the podium). */
export function useClueNews(game: TriviaGame | null): News {
  const clue = game?.clue ?? null
  const seen = useRef<ClueView | null | undefined>(undefined)
  const [verdict, setVerdict] = useState<ClueVerdict | null>(null)
  const [answer, setAnswer] = useState<News['answer']>(null)
  useEffect(() => {
    if (!game) return
    const before = seen.current
    if (before === undefined) {
      seen.current = clue
      return
    }
    if (!clue || (before && before.version >= clue.version && before.questionId === clue.questionId)) return
    seen.current = clue
    const same = before?.questionId === clue.questionId
    if (!same) {
      // Another clue: the last one's news is over.
      setVerdict(null)
      setAnswer(null)
    }
    if (clue.verdict && !(same && sameVerdict(before!.verdict, clue.verdict))) setVerdict(clue.verdict)
    const isFinal = game.final?.questionId === clue.questionId
    if (clue.phase === 'closed' && clue.answer && !isFinal && !(same && before!.phase === 'closed'))
      setAnswer({ questionId: clue.questionId, text: clue.answer })
  }, [game === null, clue?.version, clue?.questionId])
  useEffect(() => {
    if (!verdict) return
    const t = setTimeout(() => setVerdict(null), VERDICT_MS)
    return () => clearTimeout(t)
  }, [verdict])
  useEffect(() => {
    if (!answer) return
    const t = setTimeout(() => setAnswer(null), ANSWER_MS)
    return () => clearTimeout(t)
  }, [answer])
  return { verdict, answer }
}
