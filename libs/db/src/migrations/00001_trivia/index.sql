-- Trivia: games, players, board, answer history, and the transactional outbox.
-- Versions (players.score_version, questions.state_version, games.buzzer_version) go up by exactly
-- one per change, in the same statement as the change. games.seq counts events per game.

create table games (
  id               uuid primary key default gen_random_uuid(),
  name             text not null,
  host_token_hash  bytea not null,
  -- read-only token for shared screens (the TV board): sees what players see, can change nothing
  view_token_hash  bytea not null,
  seq              bigint not null default 0,
  buzzer_armed     boolean not null default true,
  buzzer_winner_id uuid,
  buzzer_armed_at  timestamptz not null default now(),
  buzzer_version   integer not null default 0,
  created_at       timestamptz not null default now()
);

create table players (
  id            uuid primary key default gen_random_uuid(),
  game_id       uuid not null references games (id) on delete cascade,
  name          text not null,
  token_hash    bytea not null unique,
  score         integer not null default 0,
  score_version integer not null default 0,
  joined_at     timestamptz not null default now()
);
create index players_game_idx on players (game_id, joined_at);

create table categories (
  id       uuid primary key default gen_random_uuid(),
  game_id  uuid not null references games (id) on delete cascade,
  position integer not null,
  name     text not null,
  unique (game_id, position)
);

create table questions (
  id            uuid primary key default gen_random_uuid(),
  game_id       uuid not null references games (id) on delete cascade,
  category_id   uuid not null references categories (id) on delete cascade,
  position      integer not null,
  value         integer not null,
  prompt        text not null,
  answer        text not null,
  daily_double  boolean not null default false,
  answered      boolean not null default false,
  state_version integer not null default 0,
  unique (category_id, position)
);
create index questions_game_idx on questions (game_id);

-- History, never rewritten except to mark an answer undone.
create table answers (
  id          uuid primary key default gen_random_uuid(),
  game_id     uuid not null references games (id) on delete cascade,
  player_id   uuid not null references players (id) on delete cascade,
  question_id uuid not null references questions (id) on delete cascade,
  is_correct  boolean not null,
  points      integer not null,
  delta       integer not null,
  created_at  timestamptz not null default now(),
  undone_at   timestamptz
);
create index answers_player_idx on answers (player_id);

-- Events committed with their mutation; the publisher moves them to the Redis stream and deletes
-- them. A row here is an event not yet known to be published.
create table outbox (
  id         bigserial primary key,
  game_id    uuid not null,
  seq        bigint not null,
  event      jsonb not null,
  created_at timestamptz not null default now()
);

-- Idempotency-Key: the first response to a (scope, key) is stored with the mutation, in its transaction.
create table idempotency_keys (
  scope        text not null,
  key          text not null,
  fingerprint  text not null,
  status       integer not null,
  body         jsonb not null,
  created_at   timestamptz not null default now(),
  primary key (scope, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
