// Article access for AI players. The worker implements ArticleSource over HTTP
// (GET /articles/{title}); the benchmark and tests use the local file source below.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface Article {
  /** URL-encoded title, exactly as in articles.tsv (e.g. `Football_%28soccer%29`). */
  title: string
  /** Plain text of the article (unescaped: real newlines). */
  text: string
  /** URL-encoded titles this article links to (distinct, original order). */
  links: string[]
}

export interface ArticleSource {
  get(title: string): Promise<Article | null>
}

/** Raw data files, loaded once; shared by the file source and the optimal (cheating) player. */
export interface WikiData {
  titles: string[]
  /** out-links per title (distinct, file order). */
  links: Map<string, string[]>
  /** unescaped plain text per title. */
  texts: Map<string, string>
}

/** Lines of an original SNAP TSV: skip `#` comments and blank lines. */
function dataLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('#'))
}

/** Undo the `\\`, `\n`, `\t`, `\r` escapes of plaintext_articles.tsv. */
export function unescapeText(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c))
}

export function loadTitles(dataDir: string): string[] {
  return dataLines(join(dataDir, 'articles.tsv')).map((l) => l.trim())
}

export function loadLinks(dataDir: string, titles: string[]): Map<string, string[]> {
  const links = new Map<string, string[]>()
  for (const t of titles) links.set(t, [])
  for (const line of dataLines(join(dataDir, 'links.tsv'))) {
    const [src, dst] = line.split('\t')
    if (!src || !dst) continue
    const list = links.get(src)
    if (list && !list.includes(dst)) list.push(dst)
  }
  return links
}

/** Yields [title, unescaped text] for every row of plaintext_articles.tsv.gz. */
export function* readTexts(dataDir: string): Generator<[string, string]> {
  const gz = readFileSync(join(dataDir, 'plaintext_articles.tsv.gz'))
  const all = new TextDecoder().decode(Bun.gunzipSync(gz))
  let pos = all.indexOf('\n') + 1 // skip header `article<TAB>text`
  while (pos < all.length) {
    let end = all.indexOf('\n', pos)
    if (end < 0) end = all.length
    const tab = all.indexOf('\t', pos)
    if (tab > pos && tab < end) yield [all.slice(pos, tab), unescapeText(all.slice(tab + 1, end))]
    pos = end + 1
  }
}

const loaded = new Map<string, WikiData>()

/** Loads (once per directory) titles, links and texts. ~1-2 s, ~250 MB of strings. */
export function loadWikiData(dataDir: string, withTexts = true): WikiData {
  const key = `${dataDir}|${withTexts}`
  const hit = loaded.get(key) ?? loaded.get(`${dataDir}|true`)
  if (hit) return hit
  const titles = loadTitles(dataDir)
  const texts = new Map<string, string>()
  if (withTexts) for (const [t, text] of readTexts(dataDir)) texts.set(t, text)
  const data = { titles, links: loadLinks(dataDir, titles), texts }
  loaded.set(key, data)
  return data
}

/** ArticleSource over the local data files (benchmark, tests). */
export function createFileSource(dataDir: string): ArticleSource {
  const data = loadWikiData(dataDir, true)
  return createMemorySource(data.texts, data.links)
}

/** ArticleSource over in-memory maps (tests, file source). Unknown titles give null. */
export function createMemorySource(texts: Map<string, string>, links: Map<string, string[]>): ArticleSource {
  return {
    async get(title) {
      const text = texts.get(title)
      const l = links.get(title)
      if (text === undefined && l === undefined) return null
      return { title, text: text ?? '', links: l ?? [] }
    },
  }
}
