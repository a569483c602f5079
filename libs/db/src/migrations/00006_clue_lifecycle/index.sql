-- The clue lifecycle and the fair buzzer (issue 9, rules 2-4). The current clue lives on the game
-- row (one clue at a time, locked with the game like every trivia rule) and has its own version.
-- Phases: none → wagering (a Daily Double or the Final: wagers first, clue hidden) → reading
-- (clue shown, buzzers closed) → open (buzzers open) → judged (a right answer) → closed.
alter table games
  add column read_time_ms      integer not null default 0 check (read_time_ms >= 0),
  add column clue_question_id  uuid references questions (id) on delete set null,
  add column clue_phase        text not null default 'none'
    check (clue_phase in ('none', 'wagering', 'reading', 'open', 'judged', 'closed')),
  add column clue_opens_at     timestamptz,
  add column clue_opened_at    timestamptz,
  -- when the opening was committed (announced): a lazily opened clue is announced a tick later
  add column clue_announced_at timestamptz,
  -- player id → lockout end (ms since the epoch, database clock), for pressing too early
  add column clue_lockouts     jsonb not null default '{}',
  add column clue_version      integer not null default 0,
  -- end of the arbitration window that started with the first press of this arming
  add column buzzer_decide_at  timestamptz;

-- The ticker's two scans: clues due to open, windows due to be decided.
create index games_clue_due_idx on games (clue_opens_at) where clue_phase = 'reading';
create index games_buzzer_decide_idx on games (buzzer_decide_at) where buzzer_decide_at is not null;

-- A question is revealed once its clue is shown: Daily Double and Final wagers lock then.
alter table questions add column revealed_at timestamptz;

-- Presses inside an arbitration window, one per player per arming (`arming`: the buzzer version
-- that armed it); the earliest reaction time wins when the window ends.
create table buzzes (
  game_id     uuid not null references games (id) on delete cascade,
  arming      integer not null,
  player_id   uuid not null references players (id) on delete cascade,
  arrived_at  timestamptz not null,
  reaction_ms integer not null,
  trusted     boolean not null,
  primary key (game_id, arming, player_id)
);
