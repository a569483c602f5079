// The whole deploy/compose.yaml in containers (podman-compose here): Postgres, Redis, migrate, api,
// two relays, two workers and the nginx edge, from the images `bun run images` built. Everything is
// reached through the edge only, as a browser would: the web client, Swagger UI, a trivia answer
// broadcast on /ws, AI races played by the containerised workers, one worker killed mid-race and a
// graceful `stop` of the api. The stack is torn down afterwards, even on failure, and must leave no
// container, volume or network. Run by `bun run test:containers` (it builds the images first).
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { keys } from '@gamenight/bus'
import { composeUp, containerName, leftovers, newProjectName, PROJECT_LABEL, teardown } from '../../scripts/compose.ts'
import { engine, engineOut, imageExists, run } from '../../scripts/engine.ts'
import { BASE, imageName, TARGETS } from '../../scripts/images.ts'
import { call } from '../support/http.ts'
import { freePort, waitFor } from '../support/proc.ts'
import { openSocket } from '../support/relay.ts'

const project = process.env.GN_COMPOSE_PROJECT ?? newProjectName()
const port = freePort()
const edge = `http://127.0.0.1:${port}`
const ws = (gameId: string, token?: string) =>
  `ws://127.0.0.1:${port}/ws/games/${gameId}${token ? `?token=${encodeURIComponent(token)}` : ''}`
const api = <T = any>(method: string, path: string, opts?: Parameters<typeof call>[3]) =>
  call<T>(edge, method, path, opts)
const name = (service: string, replica = 1) => containerName(project, service, replica)
const inspect = (container: string, format: string) => engineOut(['inspect', '--format', format, container])
const logs = async (container: string) => (await run([engine, 'logs', container], { check: false })).out

const vars = {
  POSTGRES_PASSWORD: crypto.randomUUID(),
  WORKER_TOKEN: crypto.randomUUID(),
  GAMENIGHT_PORT: String(port),
  // A dead worker's turn is reclaimed after 3 s instead of 30 s; moves come quickly.
  AI_CLAIM_IDLE_MS: '3000',
  AI_MOVE_DELAY_MS: '300',
}

beforeAll(async () => {
  for (const image of [...TARGETS.map((t) => imageName(t)), BASE.postgres, BASE.redis, BASE.nginx])
    if (!(await imageExists(image))) throw new Error(`image ${image} is missing: run \`bun run images\` first`)
  console.error(`compose project ${project}, edge on ${edge}`)
  await composeUp(project, vars)
  // podman-compose starts everything at once (it ignores depends_on conditions): migrate must end
  // well, and the api answer through the edge, before anything else is meaningful.
  await waitFor(
    async () => {
      const [status, code] = (await inspect(name('migrate'), '{{.State.Status}} {{.State.ExitCode}}')).split(' ')
      if (status === 'exited' && code !== '0')
        throw new Error(`migrate exited ${code}:\n${await logs(name('migrate'))}`)
      return status === 'exited'
    },
    180_000,
    'migrate to finish',
  )
  await waitFor(async () => (await fetch(`${edge}/readyz`)).status === 200, 60_000, 'the api through the edge')
}, 300_000)

afterAll(async () => {
  await teardown(project)
}, 120_000)

/** The game's state through the edge. */
const wikiGame = async (id: string) => (await api('GET', `/game/${id}`)).body

/** The AI turn's holder: the worker container whose consumer has the game's pending entry. */
// The stack runs with the default REDIS_PREFIX; the key names come from the one layout.
const k = keys('gn:')

async function holderOf(gameId: string): Promise<{ container: string; entryId: string } | undefined> {
  const pending = await engineOut([
    'exec',
    name('redis'),
    'redis-cli',
    '--no-raw',
    'XPENDING',
    k.aiTurns,
    k.aiGroup,
    '-',
    '+',
    '100',
  ])
  const entries = [...pending.matchAll(/"([0-9]+-[0-9]+)"\s+\d+\)\s+"([^"]+)"/g)].map((m) => ({
    entryId: m[1]!,
    consumer: m[2]!,
  }))
  for (const e of entries) {
    const fields = await engineOut(['exec', name('redis'), 'redis-cli', 'XRANGE', k.aiTurns, e.entryId, e.entryId])
    if (!fields.includes(gameId)) continue
    for (const replica of [1, 2]) {
      const host = await inspect(name('worker', replica), '{{.Config.Hostname}}')
      if (e.consumer.startsWith(`${host}-`)) return { container: name('worker', replica), entryId: e.entryId }
    }
  }
  return undefined
}

/** Every move a link of the article before it, ending on the target. */
async function expectValidWin(g: any) {
  expect(g.status).toBe('won')
  const path = [g.startArticle, ...g.moves.map((m: { article: string }) => m.article)]
  expect(path.at(-1)).toBe(g.endArticle)
  for (let i = 1; i < path.length; i++) {
    const from = await api('GET', `/articles/${encodeURIComponent(path[i - 1])}`)
    expect(from.body.links).toContain(path[i])
  }
}

describe('compose stack in containers, through the edge', () => {
  it('runs every service healthy by its own healthcheck (podman runs them on demand)', async () => {
    const services = ['postgres', 'redis', 'api', 'relay', 'relay', 'worker', 'worker', 'edge']
    const replicas = services.map((s, i) => name(s, services.indexOf(s) === i ? 1 : 2))
    const healthy = async (c: string) =>
      (await run([engine, 'healthcheck', 'run', c], { check: false })).code === 0 ||
      (engine === 'docker' && (await inspect(c, '{{.State.Health.Status}}')) === 'healthy')
    for (const c of replicas) await waitFor(() => healthy(c), 60_000, `${c} healthy`)
    // Read-only, no capabilities: what compose asks of every service container.
    for (const c of [name('api'), name('relay'), name('worker')]) {
      expect(await inspect(c, '{{.HostConfig.ReadonlyRootfs}}')).toBe('true')
      expect(await inspect(c, '{{.Config.User}}')).toBe('1000:1000')
    }
  }, 120_000)

  it('serves the web client, Swagger UI and the OpenAPI document', async () => {
    const page = await fetch(`${edge}/`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<title>Game Night</title>')
    const asset = /(?:src|href)="(\/assets\/[^"]+)"/.exec(html)?.[1]
    expect(asset).toBeDefined()
    expect((await fetch(`${edge}${asset}`)).status).toBe(200)
    expect((await api('GET', '/config.json')).body).toEqual({ relayUrl: '' })
    // Metrics are for the internal scraper: the edge does not publish them.
    expect((await fetch(`${edge}/metrics`)).status).toBe(404)
    const swagger = await fetch(`${edge}/swagger`)
    expect(swagger.status).toBe(200)
    expect((await swagger.text()).toLowerCase()).toContain('swagger')
    const doc = await api('GET', '/swagger/json')
    expect(doc.status).toBe(200)
    expect(Object.keys(doc.body.paths)).toContain('/api/games')
  })

  it('plays trivia: the answer is broadcast to a WebSocket opened on /ws', async () => {
    const g = await api('POST', '/api/games', { body: { name: 'Containers night' } })
    expect(g.status).toBe(201)
    const p = await api('POST', `/api/games/${g.body.id}/players`, { body: { name: 'Ada' } })
    expect(p.status).toBe(201)
    const player = await openSocket(ws(g.body.id, p.body.token))
    const tv = await openSocket(ws(g.body.id, g.body.viewToken))
    const question = g.body.categories[0].questions[0]
    const answer = await api('POST', `/api/games/${g.body.id}/answers`, {
      token: g.body.hostToken,
      body: { playerId: p.body.id, questionId: question.id, isCorrect: true },
    })
    expect(answer.status).toBe(200)
    for (const s of [player, tv]) {
      const e = await s.next((m) => m.type === 'update_score')
      expect(e).toMatchObject({ gameId: g.body.id, playerId: p.body.id, score: question.value, version: 1 })
      expect(e.version).toBe(answer.body.version)
    }
    // Coordination messages are relayed as-is between the sockets, whichever relay each landed on.
    player.send({ type: 'hello', text: 'hi' })
    expect(await tv.next((m) => m.type === 'hello')).toMatchObject({ text: 'hi', from: { role: 'player' } })
    await player.close()
    await tv.close()
  })

  it('has the containerised workers play an AI race to the end, watched live on /ws', async () => {
    const r = await api('POST', '/game', {
      body: { player: 'ai', startArticle: 'Fennel', endArticle: 'Henry VII of England' },
    })
    expect(r.status).toBe(201)
    const watcher = await openSocket(ws(r.body.id))
    const g = await waitFor(async () => ((x) => x.status !== 'playing' && x)(await wikiGame(r.body.id)), 90_000, 'race')
    await expectValidWin(g)
    const moves = await waitFor(
      () => watcher.of('wiki_move').length >= g.moves.length && watcher.of('wiki_move'),
      10_000,
      'every wiki_move',
    )
    expect(new Set(moves.map((m: any) => m.version))).toEqual(new Set(g.moves.map((_: unknown, i: number) => i + 1)))
    await watcher.close()
  }, 120_000)

  it('finishes a race with the other worker when the one holding its turn is killed', async () => {
    const pairs = [
      ['Neptune', 'Mammoth Cave National Park'],
      ['Reptile', 'Hurricane Georges'],
      ['Cotswolds', 'John F. Kennedy assassination'],
    ]
    for (const [i, [startArticle, endArticle]] of pairs.entries()) {
      const r = await api('POST', '/game', { body: { player: 'ai', startArticle, endArticle } })
      expect(r.status).toBe(201)
      const id = r.body.id
      // Mid-race: after the first move, while a worker holds the turn.
      const holder = await waitFor(
        async () => (await wikiGame(id)).moves.length >= 1 && (await holderOf(id)),
        60_000,
        'a worker holding the turn mid-race',
      )
      await run([engine, 'kill', holder.container])
      const atKill = await wikiGame(id)
      if (atKill.status !== 'playing') {
        // The holder made the winning move just before it died: nothing was left to take over.
        if (i < pairs.length - 1) continue
        throw new Error('every race was won before its worker could be killed mid-race')
      }
      const other = holder.container === name('worker', 1) ? name('worker', 2) : name('worker', 1)
      const g = await waitFor(async () => ((x) => x.status !== 'playing' && x)(await wikiGame(id)), 90_000, 'race')
      await expectValidWin(g)
      // The rest of the race was played by the survivor, which took the dead worker's turn over.
      expect(g.moves.length).toBeGreaterThan(atKill.moves.length)
      expect(await inspect(holder.container, '{{.State.Status}}')).toBe('exited')
      const reclaimed = (await logs(other))
        .split('\n')
        .some((l) => l.includes('"msg":"reclaimed idle turns"') && l.includes(holder.entryId))
      expect(reclaimed).toBe(true)
      return
    }
  }, 240_000)

  it('stops the api gracefully (SIGTERM): every answered mutation is broadcast, none lost', async () => {
    const g = await api('POST', '/api/games', { body: { name: 'Stop night' } })
    const p = await api('POST', `/api/games/${g.body.id}/players`, { body: { name: 'Bo' } })
    const watcher = await openSocket(ws(g.body.id, g.body.viewToken))
    const question = g.body.categories[0].questions[0]
    const acknowledged: number[] = []
    let stopped = false
    // Answer + undo pairs one after another until the api is stopped (a question scores once per
    // player, so each answer is undone before the next); while it stops, the edge answers 502.
    const answering = (async () => {
      for (let i = 0; !stopped && i < 2000; i++) {
        const a = await api('POST', `/api/games/${g.body.id}/answers`, {
          token: g.body.hostToken,
          body: { playerId: p.body.id, questionId: question.id, isCorrect: i % 2 === 0, points: 10 },
        }).catch(() => undefined)
        if (a?.status !== 200) {
          await Bun.sleep(20)
          continue
        }
        acknowledged.push(a.body.version)
        // The undo is retried until it lands (the next answer needs it) or the api is being stopped.
        while (!stopped) {
          const u = await api('DELETE', `/api/games/${g.body.id}/answers/${a.body.answerId}`, {
            token: g.body.hostToken,
          }).catch(() => undefined)
          if (u?.status === 200) {
            acknowledged.push(u.body.version)
            break
          }
          if (u?.status === 404 || u?.status === 409) break
          await Bun.sleep(20)
        }
      }
    })()
    await waitFor(() => acknowledged.length >= 10, 30_000, 'answers before the stop')
    await run([engine, 'stop', '-t', '15', name('api')])
    stopped = true
    await answering
    expect(await inspect(name('api'), '{{.State.ExitCode}}')).toBe('0')
    expect(await logs(name('api'))).toContain('"msg":"stopped"')
    await run([engine, 'start', name('api')])
    await waitFor(async () => (await fetch(`${edge}/readyz`)).status === 200, 60_000, 'the api back')
    // Every version the api acknowledged reached the socket, which stayed connected throughout.
    const seen = () => new Set(watcher.of('update_score').map((e: any) => e.version))
    await waitFor(() => acknowledged.every((v) => seen().has(v)), 20_000, 'every acknowledged update_score')
    expect(watcher.closed).toBeNull()
    const seqs = [
      ...new Set(watcher.messages.filter((m) => typeof m.seq === 'number' && m.type !== 'welcome').map((m) => m.seq)),
    ]
    expect(seqs.sort((a, b) => a - b)).toEqual(seqs.map((_, i) => seqs[0]! + i))
    await watcher.close()
  }, 180_000)

  it('tears down: no container, volume or network of the project is left', async () => {
    await teardown(project)
    expect(await leftovers(project)).toEqual({ containers: [], volumes: [], networks: [] })
    expect(await engineOut(['ps', '-a', '-q', '--filter', `label=${PROJECT_LABEL}=${project}`])).toBe('')
  }, 120_000)
})
