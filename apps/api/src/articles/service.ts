// Article reads: titles in any spelling in, reading form out.
import { notFound } from '@gamenight/contracts'
import { type Sql, wiki } from '@gamenight/db'
import { readingTitle } from '@gamenight/wikigraph'

export type Deps = { sql: Sql }

export async function article(deps: Deps, raw: string) {
  const a = await wiki.findArticle(deps.sql, readingTitle(raw))
  if (!a) throw notFound('ARTICLE_NOT_FOUND', `no article "${raw}"`)
  return wiki.readArticle(deps.sql, a)
}

export async function search(deps: Deps, q: string, limit: number) {
  return { results: await wiki.searchArticles(deps.sql, readingTitle(q), limit) }
}
