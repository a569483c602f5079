// Article access for AI players. The worker implements ArticleSource over HTTP
// (GET /articles/{title}); the benchmark and tests use the local file source below. Titles are the
// reading form everywhere (`Football (soccer)`), the one spelling libs/wikigraph defines and the api
// speaks, so nothing converts titles between the data files, the player and the api.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArticles, parseLinks, parsePlaintext, readingTitle, unescapeText } from '@gamenight/wikigraph'

export interface Article {
  /** Reading-form title (`Football (soccer)`), as `GET /articles/{title}` returns it. */
  title: string
  /** Plain text of the article (unescaped: real newlines). */
  text: string
  /** Reading-form titles this article links to (distinct, file order, self-links left out as the api does). */
  links: string[]
}

export interface ArticleSource {
  get(title: string): Promise<Article | null>
}

/** Raw data files, loaded once; shared by the file source and the optimal (cheating) player. */
export interface WikiData {
  /** Reading-form titles in articles.tsv order. */
  titles: string[]
  /** out-links per title (distinct, file order, no self-links). */
  links: Map<string, string[]>
  /** unescaped plain text per title. */
  texts: Map<string, string>
}

/** Reading-form titles of articles.tsv, in file order. */
export function loadTitles(dataDir: string): string[] {
  return parseArticles(readFileSync(join(dataDir, 'articles.tsv'), 'utf8')).map(readingTitle)
}

/** Out-links of every title (reading form; distinct; self-links left out, as the api leaves them out). */
export function loadLinks(dataDir: string, titles: string[]): Map<string, string[]> {
  const links = new Map<string, string[]>()
  for (const t of titles) links.set(t, [])
  for (const [src, dst] of parseLinks(readFileSync(join(dataDir, 'links.tsv'), 'utf8'))) {
    const s = readingTitle(src)
    const d = readingTitle(dst)
    const list = links.get(s)
    if (list && s !== d && !list.includes(d)) list.push(d)
  }
  return links
}

/** [reading-form title, unescaped text] for every row of plaintext_articles.tsv.gz. */
export function* readTexts(dataDir: string): Generator<[string, string]> {
  for (const [name, text] of parsePlaintext(readFileSync(join(dataDir, 'plaintext_articles.tsv.gz'))))
    yield [readingTitle(name), unescapeText(text)]
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
