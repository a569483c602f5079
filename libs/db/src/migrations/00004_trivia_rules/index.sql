-- Trivia rules the database enforces (issue 9): one live answer per player and question, a game
-- that ends, player names unique within a game ignoring case.

-- A question scores once per player: a second live answer is refused unless the first was undone.
-- Duplicates recorded before this rule still count in their players' scores, so they are kept
-- live and flagged, and only the rule's index leaves them out.
alter table answers add column legacy_duplicate boolean not null default false;
update answers a set legacy_duplicate = true
where a.undone_at is null and exists (
  select 1 from answers b
  where b.player_id = a.player_id and b.question_id = a.question_id and b.undone_at is null
    and (b.created_at, b.id) < (a.created_at, a.id));
create unique index answers_once_idx on answers (player_id, question_id)
  where undone_at is null and not legacy_duplicate;

-- playing → finished, never back: later mutations are refused (409 GAME_OVER).
alter table games
  add column status      text not null default 'playing' check (status in ('playing', 'finished')),
  add column finished_at timestamptz,
  add constraint games_finished_at_check check ((status = 'finished') = (finished_at is not null));

-- name_key: the name folded for comparison (NFKC, case-folded; computed by the api from the
-- normalised name). Existing duplicates keep their names; their keys get the player id appended.
alter table players add column name_key text;
update players p set name_key = lower(p.name) || case
  when exists (select 1 from players o where o.game_id = p.game_id and lower(o.name) = lower(p.name)
               and (o.joined_at, o.id) < (p.joined_at, p.id)) then '#' || p.id::text else '' end;
alter table players alter column name_key set not null;
create unique index players_name_key_idx on players (game_id, name_key);
