// The "many games" shape of a busy server (issue 12): GAMES games of PLAYERS_PER_GAME players on the
// full 12 × 10 board, created through the api, and every (game, player, question) triple laid out so
// that consecutive answers land on different games. The triples also go into `bench_many` for pgbench.
import type postgres from 'postgres'

export type Triple = { gid: string; host: string; pid: string; qid: string }

/**
 * Creates `games` games with `players` players each through `post` (the api), `parallel` requests
 * at a time, and stores every triple in bench_many (k, gid, pid, qid) with the sequence
 * bench_many_k. Order: question-major, then player, then game, so answer k and k + 1 are on
 * different games. Returns the triples in that order.
 */
export async function setUpManyGames(
  sql: postgres.Sql,
  post: (path: string, body: unknown) => Promise<any>,
  board: unknown,
  o: { games: number; players: number; parallel: number; log: (m: string) => void },
): Promise<Triple[]> {
  type Game = { id: string; host: string; questions: string[]; players: string[] }
  const games: Game[] = []
  await inBatches(o.games, o.parallel, async (i) => {
    const g = await post('/api/games', { name: `many ${i}`, board })
    const questions: string[] = g.categories.flatMap((c: { questions: { id: string }[] }) =>
      c.questions.map((q) => q.id),
    )
    const players: string[] = []
    for (let p = 0; p < o.players; p++) players.push((await post(`/api/games/${g.id}/players`, { name: `P${p}` })).id)
    games[i] = { id: g.id, host: g.hostToken, questions, players }
    if ((i + 1) % 50 === 0) o.log(`many games: ${i + 1}/${o.games} created`)
  })
  const triples: Triple[] = []
  const questions = games[0]!.questions.length
  for (let q = 0; q < questions; q++)
    for (let p = 0; p < o.players; p++)
      for (const g of games) triples.push({ gid: g.id, host: g.host, pid: g.players[p]!, qid: g.questions[q]! })
  await sql`create table bench_many (k integer primary key, gid uuid not null, pid uuid not null, qid uuid not null)`
  const rows = triples.map((t, k) => ({ k, gid: t.gid, pid: t.pid, qid: t.qid }))
  for (let at = 0; at < rows.length; at += 10_000) await sql`insert into bench_many ${sql(rows.slice(at, at + 10_000))}`
  await sql`create sequence bench_many_k minvalue 0 start 0`
  return triples
}

async function inBatches(n: number, parallel: number, fn: (i: number) => Promise<void>) {
  let next = 0
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < n) await fn(next++)
    }),
  )
}
