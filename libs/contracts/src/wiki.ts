// Wiki race REST shapes (CONTRACT §4, seed wikirace-api-design.md). Field names are the seed's;
// titles are in reading form (`Georgia (country)`), accepted in any spelling (spaces or
// underscores, URL-encoded or not).
import { type Static, Type as t } from '@sinclair/typebox'

const Id = t.String({ format: 'uuid', examples: ['0b8f1c52-4f6e-4d0a-9a53-2f1f5e0c7d11'] })
const Title = t.String({ minLength: 1, maxLength: 300, examples: ['Georgia (country)'] })
const Timestamp = t.String({ description: 'ISO 8601', examples: ['2026-11-23T15:40:02.123Z'] })

export const WikiPlayer = t.Union([t.Literal('human'), t.Literal('ai')])
export type WikiPlayer = Static<typeof WikiPlayer>
export const WikiStatus = t.Union([t.Literal('playing'), t.Literal('won'), t.Literal('failed')])
export type WikiStatus = Static<typeof WikiStatus>
export const WikiDifficulty = t.Union([t.Literal('easy'), t.Literal('medium'), t.Literal('hard')])
export type WikiDifficulty = Static<typeof WikiDifficulty>
/** Optimal distance (shortest number of clicks) of each named difficulty. */
export const DIFFICULTY_DISTANCE: Record<WikiDifficulty, number> = { easy: 2, medium: 3, hard: 4 }

export const CreateWikiGameBody = t.Object(
  {
    player: WikiPlayer,
    startArticle: t.Optional(Title),
    endArticle: t.Optional(t.String({ minLength: 1, maxLength: 300, examples: ['Áedán mac Gabráin'] })),
    difficulty: t.Optional(
      t.Union([WikiDifficulty, t.Integer({ minimum: 1, maximum: 9 })], {
        description:
          'when an article is omitted: `easy` (2 clicks), `medium` (3), `hard` (4), or an exact optimal distance; default `medium`',
      }),
    ),
  },
  {
    examples: [
      { player: 'human', startArticle: 'Cat', endArticle: 'Albert Einstein' },
      { player: 'ai', difficulty: 'hard' },
    ],
  },
)
export type CreateWikiGameBody = Static<typeof CreateWikiGameBody>

/** (ext) Longest `reason` a worker move may carry, in characters. */
export const MOVE_REASON_MAX = 200
const MoveReason = t.String({
  minLength: 1,
  maxLength: MOVE_REASON_MAX,
  description: '(ext) why the AI chose this move, in a few words; AI moves only',
  examples: ['Asia: the target names India, and Asia links to it'],
})

export const WikiMove = t.Object({ article: Title, timestamp: Timestamp, reason: t.Optional(MoveReason) })
export type WikiMove = Static<typeof WikiMove>

const gameFields = {
  id: Id,
  player: WikiPlayer,
  startArticle: Title,
  endArticle: Title,
  currentArticle: t.String({ description: 'the start until the first move' }),
  isComplete: t.Boolean({ description: 'decided by the server: current article = end article' }),
  status: WikiStatus,
  failureReason: t.Union([t.String(), t.Null()], {
    description: "`step_limit`, or the worker's reason; null unless failed",
    examples: [null],
  }),
  version: t.Integer({ description: '0 when created, +1 per change (a move, a status change on its own)' }),
  seq: t.Integer({ description: 'per-game event counter; a jump means a missed event' }),
  moveCount: t.Integer(),
  stepLimit: t.Integer({ description: 'a game still playing after this many moves fails with `step_limit`' }),
  optimalDistance: t.Union([t.Integer(), t.Null()], {
    description: 'shortest number of clicks from start to end; null while the game is being played',
  }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
}

export const WikiGameSummary = t.Object(gameFields)
export type WikiGameSummary = Static<typeof WikiGameSummary>

export const WikiGameState = t.Object({
  ...gameFields,
  moves: t.Array(WikiMove, { description: 'the moves made, in order; the start is not a move' }),
})
export type WikiGameState = Static<typeof WikiGameState>

export const WikiGameCreated = t.Composite([
  WikiGameState,
  t.Object({
    token: t.Optional(t.String({ description: 'human games only: Bearer token for POST /game/{id}; keep it' })),
  }),
])
export type WikiGameCreated = Static<typeof WikiGameCreated>

export const HumanMoveBody = t.Object({
  article: t.String({ minLength: 1, maxLength: 300, examples: ['Europe'] }),
  expectedVersion: t.Optional(t.Integer({ minimum: 0, description: 'refuse (409) if the game moved on' })),
})
export type HumanMoveBody = Static<typeof HumanMoveBody>

export const WorkerMoveBody = t.Object({
  article: t.String({ minLength: 1, maxLength: 300, examples: ['Europe'] }),
  isComplete: t.Optional(t.Boolean({ description: 'ignored: the server decides' })),
  expectedVersion: t.Optional(
    t.Integer({ minimum: 0, description: 'the version the move was inferred from; stale → 409 VERSION_CONFLICT' }),
  ),
  reason: t.Optional(MoveReason),
})
export type WorkerMoveBody = Static<typeof WorkerMoveBody>

export const FailGameBody = t.Object({
  reason: t.String({ minLength: 1, maxLength: 500, examples: ['dead_letter: delivered 5 times'] }),
})
export type FailGameBody = Static<typeof FailGameBody>

export const WikiGameList = t.Object({ games: t.Array(WikiGameSummary) })
export type WikiGameList = Static<typeof WikiGameList>

export const ArticleSearchResult = t.Object(
  { results: t.Array(t.Object({ title: Title })) },
  { examples: [{ results: [{ title: 'Georgia (country)' }, { title: 'Georgia (U.S. state)' }] }] },
)
export type ArticleSearchResult = Static<typeof ArticleSearchResult>

export const ArticleView = t.Object({
  title: Title,
  name: t.String({ description: "the data set's URL-encoded name", examples: ['Georgia_%28country%29'] }),
  links: t.Array(t.String(), {
    description: 'titles this article links to (reading form, distinct, self-links left out)',
  }),
  text: t.String({ description: 'plain text of the article' }),
  playable: t.Boolean({ description: 'false for the few pages that are not Wikipedia articles' }),
})
export type ArticleView = Static<typeof ArticleView>
