// The article graph loader (a setup step of `bun run migrate`): idempotent, complete, and a reload
// with a new data version leaves games in progress alone.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { loadWikiGraph } from '@gamenight/wikigraph'
import { freshDatabase, type TestDb } from './support/db.ts'

let db: TestDb
beforeAll(async () => {
  db = await freshDatabase('wikiload')
})
afterAll(async () => {
  await db?.drop()
})

const counts = async () => {
  const [r] = await db.sql<{ articles: number; links: number; playable: number }[]>`
    select (select count(*)::int from wiki_articles) as articles, (select count(*)::int from wiki_links) as links,
           (select count(*)::int from wiki_articles where playable) as playable`
  return r!
}

describe('loadWikiGraph', () => {
  it('loads every article and link once (self-links left out), with a readable title', async () => {
    const msgs: string[] = []
    // The template database was loaded by the test runner; loading again must skip.
    await loadWikiGraph(db.sql, (m) => msgs.push(m))
    if (!msgs.some((m) => m.includes('up to date'))) throw new Error(`expected a skip, got ${msgs.join(' | ')}`)
    expect(await counts()).toEqual({ articles: 4604, links: 119772, playable: 4598 })
    const [a] =
      await db.sql`select name, title, playable from wiki_articles where name = '%C3%81ed%C3%A1n_mac_Gabr%C3%A1in'`
    expect(a).toEqual({ name: '%C3%81ed%C3%A1n_mac_Gabr%C3%A1in', title: 'Áedán mac Gabráin', playable: true })
    const [t] = await db.sql<{ text: string }[]>`select text from wiki_articles where title = 'Cat'`
    expect(t!.text).toContain('\n')
    expect(t!.text).not.toContain('\\n')
  })

  it('reloads when the data version changes, with progress, and keeps games in progress', async () => {
    await db.sql`insert into wiki_games (player, start_article, end_article, current_article, step_limit) values ('ai', 'Cat', 'Germany', 'Cat', 30)`
    await db.sql`update wiki_meta set value = 'older' where key = 'data_version'`
    const msgs: string[] = []
    await loadWikiGraph(db.sql, (m) => msgs.push(m))
    expect(msgs.some((m) => m.startsWith('loading article graph'))).toBe(true)
    expect(msgs.some((m) => m.startsWith('article graph loaded in'))).toBe(true)
    expect(await counts()).toEqual({ articles: 4604, links: 119772, playable: 4598 })
    const [g] = await db.sql<{ n: number }[]>`select count(*)::int as n from wiki_games`
    expect(g!.n).toBe(1)
    const again: string[] = []
    await loadWikiGraph(db.sql, (m) => again.push(m))
    expect(again).toHaveLength(1)
    expect(again[0]).toContain('up to date')
  }, 120_000)
})
