// One wiki race, played or watched. The player (this browser holds the game's token) reads the
// current article and clicks its links; everyone else watches the moves arrive live. The target,
// the path so far, clicks and time stay in view; at the end the optimal distance sits beside yours.
import type { WikiClient } from '@gamenight/client'
import type { ArticleView, WikiGameState } from '@gamenight/contracts'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { ErrorNote, toastError } from '../components/alerts.tsx'
import { CopyField } from '../components/copy-field.tsx'
import { Frame } from '../components/frame.tsx'
import { RacePath } from '../components/race-path.tsx'
import { linkify } from '../lib/article.ts'
import { describe } from '../lib/errors.ts'
import { connState, useStore, useWikiClient } from '../lib/live.ts'
import { Link } from '../lib/router.tsx'
import { seats } from '../lib/storage.ts'

const articles = new Map<string, ArticleView>()

export function RaceGame({ gameId }: { gameId: string }) {
  const token = seats.wiki(gameId)
  const client = useWikiClient(gameId, token)
  const state = useStore(client)
  const game = state.game
  const playing = !!token && game?.player === 'human' && game.status === 'playing'
  const article = useArticle(client, game?.currentArticle ?? null)
  const [pending, setPending] = useState<string | null>(null)

  useEffect(() => {
    if (game) document.title = `${game.startArticle} → ${game.endArticle} · Wiki race`
  }, [game?.id])

  const move = async (title: string) => {
    if (!game || pending) return
    setPending(title)
    const r = await client.move(title)
    if (!r.ok) {
      setPending(null)
      if (r.error.code === 'VERSION_CONFLICT') void client.resync()
      return toastError(r.error)
    }
    // The screen follows the broadcast; if the relay is slow or away, read the game instead.
    const v = r.value.version
    setTimeout(() => {
      if ((client.getState().game?.version ?? -1) < v) void client.resync()
    }, 1200)
  }
  useEffect(() => setPending(null), [game?.version])
  // The optimal distance is revealed only once a race is over, and the move event does not carry it: read the game.
  useEffect(() => {
    if (game && game.status !== 'playing' && game.optimalDistance == null) void client.resync()
  }, [game?.status])

  const mine = !!token && game?.player === 'human'
  const where = game
    ? `${game.player === 'ai' ? 'AI race' : mine ? 'Your race' : 'Watching'} · ${game.startArticle} → ${game.endArticle}`
    : 'Wiki race'
  const fatal = !game && state.lastError && (state.lastError.status === 404 || state.lastError.status === 400)
  return (
    <Frame where={where} conn={connState(state.connection, state.synced)}>
      {fatal ? (
        <div class="card">
          <h1>No such race</h1>
          <p>{describe(state.lastError)}</p>
          <Link class="btn primary" href="/race">
            Start a race
          </Link>
        </div>
      ) : !game ? (
        <p class="muted">Loading the race…</p>
      ) : (
        <div class="race-grid">
          <div class="stack">
            {state.lastError && state.lastError.source === 'api' && state.lastError.code !== 'NETWORK' && (
              <ErrorNote error={state.lastError} onClose={client.clearError} />
            )}
            {game.status !== 'playing' && <Finish game={game} mine={!!token} />}
            <ArticlePane game={game} article={article} playing={playing} pending={pending} onMove={move} />
          </div>
          <Side game={game} playing={playing} gameId={gameId} />
        </div>
      )}
    </Frame>
  )
}

function useArticle(client: WikiClient, title: string | null) {
  const [article, setArticle] = useState<ArticleView | { error: unknown; title: string } | null>(
    title ? (articles.get(title) ?? null) : null,
  )
  useEffect(() => {
    if (!title) return
    const cached = articles.get(title)
    if (cached) return setArticle(cached)
    let live = true
    setArticle(null)
    void client.api.article(title).then((r) => {
      if (!live) return
      if (r.ok) {
        articles.set(title, r.value)
        setArticle(r.value)
      } else setArticle({ error: r.error, title })
    })
    return () => {
      live = false
    }
  }, [title])
  return article
}

function ArticlePane({
  game,
  article,
  playing,
  pending,
  onMove,
}: {
  game: WikiGameState
  article: ReturnType<typeof useArticle>
  playing: boolean
  pending: string | null
  onMove: (t: string) => void
}) {
  const ref = useRef<HTMLElement>(null)
  const view = article && 'links' in article ? article : null
  const parsed = useMemo(() => (view ? linkify(view.text, view.title, view.links) : null), [view])
  const [filter, setFilter] = useState('')
  useEffect(() => {
    setFilter('')
    if (playing) ref.current?.querySelector<HTMLElement>('h1')?.focus()
    if (playing && ref.current && ref.current.getBoundingClientRect().top < 0)
      ref.current.scrollIntoView({ behavior: 'smooth' })
  }, [view?.title])

  if (!article)
    return (
      <article class="article">
        <p class="loading">Loading {game.currentArticle}…</p>
      </article>
    )
  if ('error' in article) return <ErrorNote error={article.error} />
  const goal = game.endArticle
  const link = (to: string, text: string) =>
    playing ? (
      <a
        class={`wl${to === goal ? ' goal' : ''}`}
        href={`#${encodeURIComponent(to)}`}
        data-link={to}
        aria-disabled={pending ? 'true' : undefined}
        onClick={(e) => {
          e.preventDefault()
          onMove(to)
        }}
      >
        {pending === to ? `${text} …` : text}
      </a>
    ) : (
      <span class={`wl${to === goal ? ' goal' : ''}`} style="color:#0645ad">
        {text}
      </span>
    )
  const others = parsed!.unplaced.filter((l) => !filter || l.toLowerCase().includes(filter.toLowerCase()))
  return (
    <article
      class="article"
      ref={ref}
      aria-busy={pending ? 'true' : 'false'}
      data-testid="article"
      data-title={view!.title}
    >
      <h1 tabIndex={-1}>{view!.title}</h1>
      {!playing && game.status === 'playing' && (
        <p style="color:#555;font-style:italic">Watching live — the page follows each move.</p>
      )}
      {parsed!.blocks.map((b, i) =>
        b.kind === 'c' ? (
          <p key={i} class="caption">
            {b.segments.join('')}
          </p>
        ) : b.kind === 'h' ? (
          <h2 key={i} style="font:700 1.2rem Georgia,serif;color:#111;border-bottom:1px solid #ddd;margin-top:1.2rem">
            {b.segments.join('')}
          </h2>
        ) : (
          <p key={i} class={b.kind === 'li' ? 'li' : undefined}>
            {b.segments.map((s) => (typeof s === 'string' ? s : link(s.link, s.text)))}
          </p>
        ),
      )}
      {parsed!.unplaced.length > 0 && (
        <section class="more-links" aria-labelledby="more-h">
          <div class="row spread">
            <h2 id="more-h">More links on this page ({parsed!.unplaced.length})</h2>
            <input
              value={filter}
              onInput={(e) => setFilter(e.currentTarget.value)}
              placeholder="Filter links"
              aria-label="Filter the links"
              style="max-width:14rem;background:#fff;color:#111;border-color:#bbb;min-height:36px"
            />
          </div>
          <ul>
            {others.map((l) => (
              <li key={l}>{link(l, l)}</li>
            ))}
          </ul>
        </section>
      )}
    </article>
  )
}

function Clock({ game }: { game: WikiGameState }) {
  const [, tick] = useState(0)
  useEffect(() => {
    if (game.status !== 'playing') return
    const t = setInterval(() => tick((n) => n + 1), 1000)
    return () => clearInterval(t)
  }, [game.status])
  const end = game.status === 'playing' ? Date.now() : Date.parse(game.updatedAt)
  return <>{duration(Math.max(0, end - Date.parse(game.createdAt)))}</>
}

export function duration(ms: number) {
  const s = Math.floor(ms / 1000)
  const m = Math.floor(s / 60)
  return m >= 60
    ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
    : `${m}:${String(s % 60).padStart(2, '0')}`
}

function Side({ game, playing, gameId }: { game: WikiGameState; playing: boolean; gameId: string }) {
  return (
    <aside class="race-side">
      <div class="target" data-testid="target">
        <div class="label">Target</div>
        <div class="title">{game.endArticle}</div>
      </div>
      <div class="stats">
        <div class="stat">
          <div class="v" data-testid="clicks">
            {game.moveCount}
          </div>
          <div class="k">clicks</div>
        </div>
        <div class="stat">
          <div class="v" data-testid="clock">
            <Clock game={game} />
          </div>
          <div class="k">time</div>
        </div>
        <div class="stat">
          <div class="v">
            {game.status === 'playing' ? `${game.stepLimit - game.moveCount}` : (game.optimalDistance ?? '–')}
          </div>
          <div class="k">{game.status === 'playing' ? 'left' : 'optimal'}</div>
        </div>
      </div>
      <section class="card" aria-labelledby="path-h" style="padding:1rem">
        <h2 id="path-h" style="font-size:1rem">
          Path {game.player === 'ai' && <span class="pill">🤖 AI</span>}
        </h2>
        <RacePath game={game} />
      </section>
      {!playing && game.status === 'playing' && (
        <p class="small muted">
          Moves appear here as they happen{game.player === 'ai' ? ', each with the reason the AI gave' : ''}.
        </p>
      )}
      <details>
        <summary class="small muted">Let friends watch</summary>
        <CopyField label="Spectator link" value={`${location.origin}/race/${gameId}`} />
      </details>
      <Link class="btn" href="/race">
        New race
      </Link>
    </aside>
  )
}

function Finish({ game, mine }: { game: WikiGameState; mine: boolean }) {
  const who = game.player === 'ai' ? 'The AI' : mine ? 'You' : 'The player'
  if (game.status === 'failed') {
    return (
      <section class="card finish" data-testid="finish" data-status="failed">
        <h2 style="color:var(--bad)">Race over</h2>
        <p>
          {who} did not reach <strong>{game.endArticle}</strong>
          {game.failureReason === 'step_limit'
            ? ` within ${game.stepLimit} clicks.`
            : game.failureReason
              ? ` (${game.failureReason}).`
              : '.'}
        </p>
        {game.optimalDistance != null && <p class="muted">The shortest path was {game.optimalDistance} clicks.</p>}
      </section>
    )
  }
  const extra = game.optimalDistance != null ? game.moveCount - game.optimalDistance : null
  return (
    <section class="card finish" data-testid="finish" data-status="won">
      <h2>🎉 {who === 'You' ? 'You made it!' : `${who} made it!`}</h2>
      <div class="compare">
        <div class="stat">
          <div class="v" data-testid="final-clicks">
            {game.moveCount}
          </div>
          <div class="k">{who === 'You' ? 'your clicks' : 'clicks'}</div>
        </div>
        <div class="stat">
          <div class="v" data-testid="optimal">
            {game.optimalDistance ?? '–'}
          </div>
          <div class="k">optimal</div>
        </div>
        <div class="stat">
          <div class="v">
            <Clock game={game} />
          </div>
          <div class="k">time</div>
        </div>
      </div>
      <p class="muted">
        {extra === 0
          ? 'A perfect route: as short as it gets.'
          : extra != null
            ? `${extra} click${extra === 1 ? '' : 's'} more than the shortest route.`
            : ''}
      </p>
      <Link class="btn primary" href="/race">
        Race again
      </Link>
    </section>
  )
}
