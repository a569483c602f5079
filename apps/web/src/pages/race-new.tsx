// Start a wiki race: you against the clock, or the AI to watch; articles picked by search or at
// random by difficulty. Below, the races being played right now, to spectate.
import { createHttp, createWikiApi } from '@gamenight/client'
import { type WikiDifficulty, WikiGameList, type WikiGameSummary } from '@gamenight/contracts'
import { useEffect, useState } from 'preact/hooks'
import { ErrorNote } from '../components/alerts.tsx'
import { ArticlePicker } from '../components/article-picker.tsx'
import { Frame } from '../components/frame.tsx'
import { Link, navigate } from '../lib/router.tsx'
import { seats } from '../lib/storage.ts'

const DIFFICULTIES: { id: WikiDifficulty; label: string; hint: string }[] = [
  { id: 'easy', label: 'Easy', hint: '2 clicks at best' },
  { id: 'medium', label: 'Medium', hint: '3 clicks at best' },
  { id: 'hard', label: 'Hard', hint: '4 clicks at best' },
]

export function RaceNew() {
  document.title = 'Wikipedia race · Game Night'
  const [player, setPlayer] = useState<'human' | 'ai'>('human')
  const [start, setStart] = useState('')
  const [end, setEnd] = useState('')
  const [difficulty, setDifficulty] = useState<WikiDifficulty>('medium')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    const body = {
      player,
      ...(start.trim() ? { startArticle: start.trim() } : {}),
      ...(end.trim() ? { endArticle: end.trim() } : {}),
      difficulty,
    }
    const r = await createWikiApi({ baseUrl: '' }).createGame(body)
    setBusy(false)
    if (!r.ok) return setError(r.error)
    if (r.value.token) seats.setWiki(r.value.id, r.value.token)
    navigate(`/race/${r.value.id}`)
  }

  return (
    <Frame where="Wikipedia race">
      <div class="host-grid" style="grid-template-columns:minmax(0,1fr) 360px">
        <form class="card stack" onSubmit={submit} data-testid="race-form">
          <h1>Race across Wikipedia</h1>
          <p class="muted" style="margin:0">
            Start on one article and reach the target by clicking links only. Leave an article empty to get one at
            random.
          </p>
          <fieldset class="choice" style="border:0;padding:0;margin:0">
            <legend class="sr-only">Who plays</legend>
            <label>
              <input
                type="radio"
                name="player"
                checked={player === 'human'}
                onChange={() => setPlayer('human')}
                data-testid="play-human"
              />
              <span>
                <strong>I play</strong>
                <span class="muted small">against the clock</span>
              </span>
            </label>
            <label>
              <input
                type="radio"
                name="player"
                checked={player === 'ai'}
                onChange={() => setPlayer('ai')}
                data-testid="play-ai"
              />
              <span>
                <strong>Watch the AI</strong>
                <span class="muted small">it reads each page like you would</span>
              </span>
            </label>
          </fieldset>
          <div class="row" style="align-items:flex-start">
            <div class="grow">
              <ArticlePicker
                label="Start article"
                value={start}
                onChange={setStart}
                placeholder="Random"
                testId="start-article"
              />
            </div>
            <div class="grow">
              <ArticlePicker
                label="Target article"
                value={end}
                onChange={setEnd}
                placeholder="Random"
                testId="end-article"
              />
            </div>
          </div>
          <fieldset class="choice" style="border:0;padding:0;margin:0" disabled={!!(start.trim() && end.trim())}>
            <legend class="field" style="font-weight:600;margin-bottom:0.35rem">
              Difficulty of random articles
            </legend>
            {DIFFICULTIES.map((d) => (
              <label key={d.id}>
                <input
                  type="radio"
                  name="difficulty"
                  checked={difficulty === d.id}
                  onChange={() => setDifficulty(d.id)}
                />
                <span>
                  <strong>{d.label}</strong>
                  <span class="muted small">{d.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          <ErrorNote error={error} onClose={() => setError(null)} />
          <button class="btn primary big" type="submit" disabled={busy} data-testid="start-race">
            {busy ? 'Starting…' : player === 'human' ? 'Start racing' : 'Start the AI'}
          </button>
        </form>
        <LiveGames />
      </div>
    </Frame>
  )
}

function LiveGames() {
  const [games, setGames] = useState<WikiGameSummary[] | null>(null)
  useEffect(() => {
    let live = true
    const http = createHttp({ baseUrl: '', retries: 0 })
    const load = async () => {
      const r = await http.request('GET', '/game?status=playing&limit=12', WikiGameList)
      if (live && r.ok) setGames(r.value.games)
    }
    void load()
    const t = setInterval(load, 5000)
    return () => {
      live = false
      clearInterval(t)
    }
  }, [])
  return (
    <section class="card stack" aria-labelledby="live-h">
      <h2 id="live-h" style="margin:0">
        Racing right now
      </h2>
      {games === null ? (
        <p class="muted">Loading…</p>
      ) : games.length === 0 ? (
        <p class="muted">No race is running. Start one, or start the AI and watch it.</p>
      ) : (
        <ul class="live-list" data-testid="live-games">
          {games.map((g) => (
            <li key={g.id}>
              <Link href={`/race/${g.id}`}>
                <span>
                  {g.player === 'ai' ? '🤖' : '🧑'} {g.startArticle} → <strong>{g.endArticle}</strong>
                </span>
                <span class="muted num">{g.moveCount} clicks</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
