// Trivia REST shapes (CONTRACT §3, seed trivia-rest-versioning.md). Field names are the seed's.
import { type Static, Type as t } from '@sinclair/typebox'

const Id = t.String({ format: 'uuid', examples: ['6f1d2c3e-8a4b-4c5d-9e6f-7a8b9c0d1e2f'] })
const Points = t.Integer({ minimum: 0, maximum: 1_000_000 })
const Score = t.Integer({ minimum: -100_000_000, maximum: 100_000_000 })

export const BoardQuestion = t.Object({
  value: Points,
  prompt: t.String({ minLength: 1, maxLength: 1000 }),
  answer: t.String({ minLength: 1, maxLength: 1000 }),
  dailyDouble: t.Optional(t.Boolean()),
})
export type BoardQuestion = Static<typeof BoardQuestion>

export const BoardCategory = t.Object({
  name: t.String({ minLength: 1, maxLength: 100 }),
  round: t.Optional(t.Integer({ minimum: 1, maximum: 2, description: 'round 1 (default) or 2 (double values)' })),
  questions: t.Array(BoardQuestion, { minItems: 1, maxItems: 10 }),
})
export type BoardCategory = Static<typeof BoardCategory>

export const FinalQuestion = t.Object({
  category: t.String({ minLength: 1, maxLength: 100 }),
  prompt: t.String({ minLength: 1, maxLength: 1000 }),
  answer: t.String({ minLength: 1, maxLength: 1000 }),
})
export type FinalQuestion = Static<typeof FinalQuestion>

export const Board = t.Object(
  {
    categories: t.Array(BoardCategory, { minItems: 1, maxItems: 12 }),
    final: t.Optional(FinalQuestion),
  },
  { description: 'A board: categories of questions in rounds 1 and 2, and an optional Final question' },
)
export type Board = Static<typeof Board>

export const CreateGameBody = t.Object({
  name: t.String({ minLength: 1, maxLength: 100, examples: ['Friday trivia'] }),
  board: t.Optional(Board),
  readTimeMs: t.Optional(
    t.Integer({
      minimum: 0,
      maximum: 120_000,
      description:
        "how long a clue is read before its buzzers open by themselves (ms); 0: they open as soon as it is shown. Default: the api's TRIVIA_READ_TIME_MS",
    }),
  ),
})
export type CreateGameBody = Static<typeof CreateGameBody>

export const PlayerView = t.Object({
  id: Id,
  name: t.String(),
  score: t.Integer(),
  version: t.Integer({ description: 'players.score_version' }),
})
export type PlayerView = Static<typeof PlayerView>

export const QuestionView = t.Object({
  id: Id,
  value: t.Integer(),
  answered: t.Boolean(),
  version: t.Integer({ description: 'questions.state_version' }),
  prompt: t.Optional(t.String({ description: 'host only' })),
  answer: t.Optional(t.String({ description: 'host only' })),
  dailyDouble: t.Optional(t.Boolean({ description: 'host only' })),
})
export type QuestionView = Static<typeof QuestionView>

export const BuzzerView = t.Object({
  armed: t.Boolean(),
  winnerId: t.Union([Id, t.Null()]),
  version: t.Integer(),
})
export type BuzzerView = Static<typeof BuzzerView>

/**
 * The current clue's phase (rule 2): `wagering` (a Daily Double or the Final: wagers first, the clue
 * hidden) → `reading` (shown, buzzers closed: a press is too early) → `open` (buzzers open) →
 * `judged` (a right answer) → `closed` (back to the board).
 */
export const CluePhase = t.Union(
  [t.Literal('wagering'), t.Literal('reading'), t.Literal('open'), t.Literal('judged'), t.Literal('closed')],
  { description: 'wagering → reading (buzzers closed) → open → judged → closed' },
)
export type CluePhase = Static<typeof CluePhase>

export const Lockout = t.Object({
  playerId: Id,
  until: t.String({ description: 'ISO 8601, database clock: the buzzer refuses this player until then' }),
})
export type Lockout = Static<typeof Lockout>

/** The latest judgement on the current clue: who, right or wrong, the score change, and whether it was undone since. */
export const ClueVerdict = t.Object({
  playerId: Id,
  isCorrect: t.Boolean(),
  delta: t.Integer({ description: 'what the answer did to the score (before an undo)' }),
  undone: t.Boolean({ description: 'the host undid this answer: the points went back' }),
})
export type ClueVerdict = Static<typeof ClueVerdict>

/** The current clue as every screen sees it (the prompt once shown, the answer once judged or closed). */
export const ClueFields = {
  questionId: Id,
  phase: CluePhase,
  readTimeMs: t.Integer({
    description: "the game's read time: buzzers open by themselves this long after the clue is shown",
  }),
  opensAt: t.Union([t.String(), t.Null()], {
    description: 'ISO 8601 (database clock): when the buzzers open by themselves; null: the host opens them',
  }),
  opensInMs: t.Union([t.Integer(), t.Null()], {
    description: 'opensAt as a delay from when this was sent (no clock of the reader needed)',
  }),
  openedAt: t.Union([t.String(), t.Null()], {
    description: 'ISO 8601 (database clock): when the buzzers opened; reaction times count from here',
  }),
  lockedOut: t.Array(Lockout, {
    description: 'players who pressed too early, until when (only lockouts not yet over)',
  }),
  tried: t.Array(Id, { description: 'players already judged on this clue, in order' }),
  dailyDouble: t.Boolean({ description: 'a Daily Double (answered by one player alone, on a wager)' }),
  prompt: t.Union([t.String(), t.Null()], {
    description:
      'the clue once shown; null while `wagering` (a Daily Double or the Final waits for its wagers) or if it never was',
  }),
  answer: t.Union([t.String(), t.Null()], {
    description:
      'the correct answer once the clue is `judged`, or `closed` after it was played (opened, or someone tried); null otherwise (host-only while open)',
  }),
  verdict: t.Union([ClueVerdict, t.Null()], {
    description: 'the latest answer judged (or undone) on this clue; null before the first',
  }),
  version: t.Integer({ description: "clue version: one up per change of the game's current clue" }),
}
export const ClueView = t.Object(ClueFields)
export type ClueView = Static<typeof ClueView>

export const Role = t.Union([t.Literal('host'), t.Literal('player'), t.Literal('spectator')])
export type Role = Static<typeof Role>

export const FinalView = t.Object({
  questionId: Id,
  category: t.String(),
  answered: t.Boolean(),
  version: t.Integer(),
  prompt: t.Optional(t.String({ description: 'host only' })),
  answer: t.Optional(t.String({ description: 'host only' })),
})
export type FinalView = Static<typeof FinalView>

export const WagerView = t.Object({
  playerId: Id,
  questionId: Id,
  amount: t.Union([t.Integer(), t.Null()], {
    description:
      'null when hidden: a Final wager is seen only by the host and its player until the Final is marked answered',
  }),
  version: t.Integer(),
})
export type WagerView = Static<typeof WagerView>

export const GameStatus = t.Union([t.Literal('playing'), t.Literal('finished')], {
  description: '`playing` until the host ends the game, then `finished` for good',
})
export type GameStatus = Static<typeof GameStatus>

export const Standing = t.Object({
  rank: t.Integer({ minimum: 1, description: 'players with the same score share a rank (1, 1, 3)' }),
  playerId: Id,
  name: t.String(),
  score: t.Integer(),
})
export type Standing = Static<typeof Standing>

export const FinalEntry = t.Object({
  playerId: Id,
  wager: t.Union([t.Integer(), t.Null()], { description: 'null: no wager placed' }),
  isCorrect: t.Union([t.Boolean(), t.Null()], { description: 'null: not judged' }),
  delta: t.Union([t.Integer(), t.Null()], { description: 'what the Final did to the score; null: not judged' }),
})
export type FinalEntry = Static<typeof FinalEntry>

/** A player judged on the Final, revealed to the room (event `wager_revealed`, snapshot `finalJudgements`). */
export const FinalJudgement = t.Object({
  playerId: Id,
  amount: t.Union([t.Integer(), t.Null()], { description: 'the wager; null: none placed' }),
  isCorrect: t.Boolean(),
  delta: t.Integer({ description: 'what the answer did to the score' }),
})
export type FinalJudgement = Static<typeof FinalJudgement>

export const GameResult = t.Object(
  {
    endedAt: t.String({ description: 'ISO 8601' }),
    standings: t.Array(Standing, { description: 'every player, best first; ties in joining order' }),
    winnerIds: t.Array(Id, { description: 'everyone ranked 1 (several on a tie; none without players)' }),
    final: t.Union(
      [
        t.Object({
          questionId: Id,
          category: t.String(),
          prompt: t.String(),
          answer: t.String(),
          entries: t.Array(FinalEntry, { description: 'one per player, in standings order' }),
        }),
        t.Null(),
      ],
      { description: "the Final's clue, answer, wagers and judgements, shown to everyone; null: no Final" },
    ),
  },
  { description: 'The final standings, fixed when the host ends the game' },
)
export type GameResult = Static<typeof GameResult>

export const Snapshot = t.Object({
  id: Id,
  name: t.String(),
  seq: t.Integer({ description: 'per-game event counter; a jump means a missed event' }),
  status: GameStatus,
  result: t.Union([GameResult, t.Null()], { description: 'null while playing' }),
  role: Role,
  playerId: t.Optional(Id),
  buzzer: BuzzerView,
  clue: t.Union([ClueView, t.Null()], { description: 'the current clue; null before the first is selected' }),
  players: t.Array(PlayerView),
  categories: t.Array(t.Object({ name: t.String(), round: t.Integer(), questions: t.Array(QuestionView) })),
  final: t.Union([FinalView, t.Null()]),
  wagers: t.Array(WagerView),
  finalJudgements: t.Optional(
    t.Array(FinalJudgement, {
      description: 'players judged on the Final so far, in judging order: their wager and answer, shown to everyone',
    }),
  ),
})
export type Snapshot = Static<typeof Snapshot>

export const GameCreated = t.Composite([
  Snapshot,
  t.Object({
    hostToken: t.String({ description: 'Bearer token for the host: keep it secret' }),
    viewToken: t.String({ description: 'read-only token for shared screens such as the TV board' }),
  }),
])
export type GameCreated = Static<typeof GameCreated>

export const JoinBody = t.Object({
  name: t.String({
    minLength: 1,
    maxLength: 40,
    examples: ['Ada'],
    description:
      'normalised (NFC, trimmed, control and invisible characters removed); unique in the game ignoring case (409 NAME_TAKEN with a `suggestion`)',
  }),
})
export type JoinBody = Static<typeof JoinBody>

export const PlayerJoined = t.Composite([PlayerView, t.Object({ gameId: Id, token: t.String() })])
export type PlayerJoined = Static<typeof PlayerJoined>

export const AnswerBody = t.Object({
  playerId: Id,
  questionId: Id,
  isCorrect: t.Boolean(),
  points: t.Optional(Points),
})
export type AnswerBody = Static<typeof AnswerBody>

export const ScoreResult = t.Object({
  success: t.Literal(true),
  playerId: Id,
  score: t.Integer(),
  version: t.Integer(),
})
export type ScoreResult = Static<typeof ScoreResult>

export const AnswerResult = t.Composite([ScoreResult, t.Object({ answerId: Id })])
export type AnswerResult = Static<typeof AnswerResult>

export const ToggleBody = t.Object({ answered: t.Boolean() })
export type ToggleBody = Static<typeof ToggleBody>

export const ToggleResult = t.Object({
  success: t.Literal(true),
  questionId: Id,
  answered: t.Boolean(),
  version: t.Integer(),
})
export type ToggleResult = Static<typeof ToggleResult>

const PhoneTime = (description: string) =>
  t.Optional(t.Integer({ minimum: 0, maximum: 8_640_000_000_000, description }))
export const BuzzerBody = t.Object({
  buzzerId: Id,
  pressedAt: PhoneTime("the phone's own clock (ms since the epoch) when the player pressed"),
  sawOpenAt: PhoneTime("the phone's own clock (ms since the epoch) when it showed the buzzers open"),
})
export type BuzzerBody = Static<typeof BuzzerBody>

export const BuzzerResult = t.Object({
  success: t.Literal(true),
  won: t.Boolean(),
  winnerId: t.Union([Id, t.Null()]),
  version: t.Integer({ description: 'buzzer version' }),
  reactionMs: t.Union([t.Integer(), t.Null()], {
    description:
      "ms from the buzzers opening to the press: the phone's own measure when it is trusted, else the server's",
  }),
})
export type BuzzerResult = Static<typeof BuzzerResult>

export const BuzzerResetResult = t.Object({ success: t.Literal(true), armed: t.Literal(true), version: t.Integer() })
export type BuzzerResetResult = Static<typeof BuzzerResetResult>

export const SelectClueBody = t.Object({ questionId: Id })
export type SelectClueBody = Static<typeof SelectClueBody>

export const ClueResult = t.Composite([t.Object({ success: t.Literal(true) }), ClueView])
export type ClueResult = Static<typeof ClueResult>

export const SetScoreBody = t.Object({ score: Score })
export type SetScoreBody = Static<typeof SetScoreBody>

export const WagerBody = t.Object({
  playerId: Id,
  questionId: Id,
  amount: t.Integer({ minimum: 0, maximum: 100_000_000, examples: [1000] }),
})
export type WagerBody = Static<typeof WagerBody>

export const WagerResult = t.Object({
  success: t.Literal(true),
  playerId: Id,
  questionId: Id,
  amount: t.Integer(),
  version: t.Integer({ description: "the wager's version: 1 when first placed" }),
})
export type WagerResult = Static<typeof WagerResult>

export const EndGameResult = t.Composite([
  t.Object({ success: t.Literal(true), status: t.Literal('finished') }),
  GameResult,
])
export type EndGameResult = Static<typeof EndGameResult>
