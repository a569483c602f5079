// Parsers for the Wikispeedia files in ../data (format described in ../data/README.md).
import { gunzipSync } from 'node:zlib'

/** Record lines of an original SNAP TSV: `#` comment lines and empty lines are skipped. */
export function dataLines(text: string): string[] {
  return text.split('\n').filter((l) => l.length > 0 && !l.startsWith('#'))
}

/** Encoded article names in file order (the order is each article's id). */
export function parseArticles(text: string): string[] {
  return dataLines(text).map((l) => l.trim())
}

/** [source, target] encoded names, in file order. */
export function parseLinks(text: string): [string, string][] {
  const out: [string, string][] = []
  for (const line of dataLines(text)) {
    const tab = line.indexOf('\t')
    if (tab > 0) out.push([line.slice(0, tab), line.slice(tab + 1).trim()])
  }
  return out
}

/**
 * Rows of plaintext_articles.tsv.gz as [encoded name, escaped text]. The text keeps the file's
 * escapes (`\\`, `\n`, `\t`, `\r`), which are exactly Postgres COPY text-format escapes.
 */
export function parsePlaintext(gz: Uint8Array): [string, string][] {
  const lines = new TextDecoder().decode(gunzipSync(gz)).split('\n')
  const out: [string, string][] = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!
    if (line === '') continue
    const tab = line.indexOf('\t')
    out.push([line.slice(0, tab), line.slice(tab + 1)])
  }
  return out
}

export function unescapeText(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c))
}

/** Pages of the collection that are not Wikipedia articles: never a random start or target. */
export const NOT_ARTICLES = new Set([
  'Directdebit',
  'Donation',
  'Friend_Directdebit',
  'Sponsorship_Directdebit',
  'Wowpurchase',
  'Wikipedia_Text_of_the_GNU_Free_Documentation_License',
])
