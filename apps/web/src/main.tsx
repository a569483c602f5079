// The web client: one page per route, all under /trivia and /race so they never shadow the api.
import { render } from 'preact'
import { Toasts } from './components/alerts.tsx'
import { loadConfig } from './lib/config.ts'
import { match, path } from './lib/router.tsx'
import { Home, NotFound } from './pages/home.tsx'
import { RaceGame } from './pages/race-game.tsx'
import { RaceNew } from './pages/race-new.tsx'
import { TriviaHost } from './pages/trivia-host.tsx'
import { TriviaNew } from './pages/trivia-new.tsx'
import { TriviaPlay } from './pages/trivia-play.tsx'
import { TriviaTv } from './pages/trivia-tv.tsx'

function App() {
  const p = path.value.replace(/\/+$/, '') || '/'
  let page: preact.JSX.Element
  let m: Record<string, string> | null
  if (p === '/' || p === '/index.html') page = <Home />
  else if (p === '/trivia' || p === '/trivia/new') page = <TriviaNew />
  else if ((m = match('/trivia/:id/host', p))) page = <TriviaHost key={m.id} gameId={m.id!} />
  else if ((m = match('/trivia/:id/tv', p))) page = <TriviaTv key={m.id} gameId={m.id!} />
  else if ((m = match('/trivia/:id', p))) page = <TriviaPlay key={m.id} gameId={m.id!} />
  else if (p === '/race' || p === '/race/new') page = <RaceNew />
  else if ((m = match('/race/:id', p))) page = <RaceGame key={m.id} gameId={m.id!} />
  else page = <NotFound />
  return (
    <>
      {page}
      <Toasts />
    </>
  )
}

await loadConfig()
render(<App />, document.getElementById('app')!)
