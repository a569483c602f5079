-- Why the AI chose each move (issue 13): a short text the worker sends with its PATCH, shown to people
-- watching. Null for human moves and for AI moves made before this column existed.
alter table wiki_moves add column reason text null check (char_length(reason) between 1 and 200);

-- The title as the article's own text writes it when the data set spells it differently
-- (`AC/DC` for `AC_DC`, `Halley's Comet` for `Comet_Halley`); filled by libs/wikigraph's loader.
-- Lookups and search accept it; the API still answers with the reading-form `title`.
alter table wiki_articles add column alias text null;
create index wiki_articles_lower_alias_idx on wiki_articles (lower(alias) text_pattern_ops);
