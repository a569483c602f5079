-- Rounds (1, 2; 3 holds the Final question) and wagers for Daily Doubles and the Final.
alter table categories add column round integer not null default 1;

create table wagers (
  game_id     uuid not null references games (id) on delete cascade,
  player_id   uuid not null references players (id) on delete cascade,
  question_id uuid not null references questions (id) on delete cascade,
  amount      integer not null check (amount >= 0),
  version     integer not null default 1,
  updated_at  timestamptz not null default now(),
  primary key (player_id, question_id)
);
create index wagers_game_idx on wagers (game_id);
