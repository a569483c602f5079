// Loads the bundled Wikispeedia graph into Postgres: a setup step of `setupDatabase`, run by
// `bun run migrate`, the api on start, and the test runner's template database. Idempotent: the
// data version (a hash of the data files and of this loader's format) is recorded in wiki_meta and
// an unchanged version is skipped. A changed version reloads everything in one transaction with
// COPY, so readers see the old graph or the new one, never half of one.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Sql } from 'postgres'
import { NOT_ARTICLES, parseArticles, parseLinks, parsePlaintext, unescapeText } from './parse.ts'
import { readingTitle, writtenTitle } from './titles.ts'

export const DATA_DIR = join(import.meta.dir, '..', 'data')
/** Bump when the loaded shape changes, so existing databases reload. */
const LOADER_FORMAT = 2 // 2: wiki_articles.alias
const LOCK_ID = 0x77696b69 // "wiki"
const FILES = ['articles.tsv', 'links.tsv', 'plaintext_articles.tsv.gz'] as const

export function dataVersion(dir = DATA_DIR): string {
  const h = createHash('sha256').update(`format ${LOADER_FORMAT}\n`)
  for (const f of FILES) h.update(readFileSync(join(dir, f)))
  return h.digest('hex').slice(0, 16)
}

/** COPY text-format field: the escapes Postgres needs (the plaintext is already escaped). */
const copyField = (s: string) =>
  s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')

export async function loadWikiGraph(
  sql: Sql,
  progress: (msg: string) => void,
  opts: { dir?: string } = {},
): Promise<void> {
  const dir = opts.dir ?? DATA_DIR
  const started = performance.now()
  const version = dataVersion(dir)
  const current = async (q: Sql | import('postgres').TransactionSql) =>
    (await q<{ value: string }[]>`select value from wiki_meta where key = 'data_version'`)[0]?.value
  if ((await current(sql)) === version) {
    progress(`article graph up to date (data version ${version})`)
    return
  }
  progress(`loading article graph (data version ${version})`)
  const names = parseArticles(readFileSync(join(dir, 'articles.tsv'), 'utf8'))
  const idOf = new Map(names.map((n, i) => [n, i]))
  const texts = parsePlaintext(readFileSync(join(dir, 'plaintext_articles.tsv.gz')))
  const textOf = new Map(texts)
  const aliases = titleAliases(names, textOf)
  const links = parseLinks(readFileSync(join(dir, 'links.tsv'), 'utf8'))
  progress(`parsed ${names.length} articles, ${links.length} links in ${elapsed(started)}`)

  // lz4 compresses the 98 MB of text several times faster than the default pglz; servers built
  // without lz4 (or before Postgres 14) keep the default.
  await sql`alter table wiki_articles alter column text set compression lz4`.catch(() => {})

  await sql.begin(async (tx) => {
    // Two processes starting at once (api pods, a migrate job): the second waits, then skips.
    await tx`select pg_advisory_xact_lock(${LOCK_ID})`
    if ((await current(tx)) === version) return
    await tx`truncate wiki_links, wiki_articles`

    const articleRows = function* () {
      for (const [i, name] of names.entries()) {
        const text = textOf.get(name)
        if (text === undefined) throw new Error(`wikigraph: no plain text for ${name}`)
        const alias = aliases.get(name)
        yield `${i}\t${copyField(name)}\t${copyField(readingTitle(name))}\t${alias === undefined ? '\\N' : copyField(alias)}\t${text}\t${NOT_ARTICLES.has(name) ? 'f' : 't'}\n`
      }
    }
    await pipeline(
      Readable.from(batched(articleRows())),
      await tx`copy wiki_articles (id, name, title, alias, text, playable) from stdin`.writable(),
    )
    progress(`copied ${names.length} articles in ${elapsed(started)}`)

    let kept = 0
    const linkRows = function* () {
      for (const [src, dst] of links) {
        const s = idOf.get(src)
        const d = idOf.get(dst)
        if (s === undefined || d === undefined)
          throw new Error(`wikigraph: link ${src} -> ${dst} names an unknown article`)
        if (s === d) continue
        kept++
        yield `${s}\t${d}\n`
      }
    }
    await pipeline(
      Readable.from(batched(linkRows())),
      await tx`copy wiki_links (source_id, target_id) from stdin`.writable(),
    )
    progress(`copied ${kept} links (${links.length - kept} self-links left out) in ${elapsed(started)}`)

    await tx`insert into wiki_meta (key, value) values ('data_version', ${version})
             on conflict (key) do update set value = excluded.value, updated_at = now()`
  })
  await sql`analyze wiki_articles`
  await sql`analyze wiki_links`
  progress(`article graph loaded in ${elapsed(started)}`)
}

/**
 * name -> the title its text writes where that differs from the reading form (`AC_DC` -> `AC/DC`).
 * Left out: the non-articles (their "title" is an image), and any alias two articles share.
 */
export function titleAliases(names: string[], escapedText: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>()
  const count = new Map<string, number>()
  for (const name of names) {
    if (NOT_ARTICLES.has(name)) continue
    const written = writtenTitle(unescapeText((escapedText.get(name) ?? '').slice(0, 2000)))
    if (!written || written === readingTitle(name)) continue
    out.set(name, written)
    count.set(written, (count.get(written) ?? 0) + 1)
  }
  for (const [name, alias] of out) if ((count.get(alias) ?? 0) > 1) out.delete(name)
  return out
}

/** Joins rows into ~1 MiB chunks: far fewer writes than one per row. */
function* batched(rows: Iterable<string>, size = 1 << 20): Generator<string> {
  let buf = ''
  for (const r of rows) {
    buf += r
    if (buf.length >= size) {
      yield buf
      buf = ''
    }
  }
  if (buf) yield buf
}

const elapsed = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`
