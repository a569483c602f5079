-- Wiki race: the Wikispeedia article graph (filled by libs/wikigraph's loader, not by this file),
-- games and their moves. Games refer to articles by reading-form title (text, no foreign key), so
-- the graph can be reloaded with a new data version without touching games in progress.

-- Loader bookkeeping: key 'data_version' is the hash of the data files last loaded.
create table wiki_meta (
  key        text primary key,
  value      text not null,
  updated_at timestamptz not null default now()
);

create table wiki_articles (
  id       integer primary key,       -- row number in articles.tsv (0-based)
  name     text not null unique,      -- URL-encoded, exactly as in the data set
  title    text not null unique,      -- reading form: decoded, spaces (`Georgia (country)`)
  text     text not null,             -- plain text a player reads
  playable boolean not null           -- false for the fundraising pages and the licence text
);
-- Case-insensitive lookups and prefix search.
create index wiki_articles_lower_title_idx on wiki_articles (lower(title) text_pattern_ops);

-- Self-links are not stored: a click that stays on the page is not a move.
create table wiki_links (
  source_id integer not null references wiki_articles (id) on delete cascade,
  target_id integer not null references wiki_articles (id) on delete cascade,
  primary key (source_id, target_id)
);

create table wiki_games (
  id               uuid primary key default gen_random_uuid(),
  player           text not null check (player in ('human', 'ai')),
  start_article    text not null,
  end_article      text not null,
  current_article  text not null,
  -- sha256 of a human game's move token (as trivia tokens); null for AI games (moved by the worker)
  token_hash       bytea null,
  -- per-game event counter, bumped by emit() for every broadcast
  seq              bigint not null default 0,
  -- +1 per change (a move, or a status change on its own), in the same statement as the change
  version          integer not null default 0,
  status           text not null default 'playing' check (status in ('playing', 'won', 'failed')),
  failure_reason   text null,
  move_count       integer not null default 0,
  step_limit       integer not null,
  optimal_distance integer null,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  finished_at      timestamptz null,
  check ((status = 'failed') = (failure_reason is not null))
);
-- The worker's sweeper and the "live games" list: unfinished games by player, stalest first.
create index wiki_games_list_idx on wiki_games (player, status, updated_at);
create index wiki_games_updated_idx on wiki_games (updated_at);

-- One row per move; ply 1 is the first click (the start is not a move).
create table wiki_moves (
  game_id    uuid not null references wiki_games (id) on delete cascade,
  ply        integer not null,
  article    text not null,
  created_at timestamptz not null default now(),
  primary key (game_id, ply)
);
