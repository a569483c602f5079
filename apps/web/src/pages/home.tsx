import { Frame } from '../components/frame.tsx'
import { Link } from '../lib/router.tsx'

export function Home() {
  document.title = 'Game Night'
  return (
    <Frame>
      <section class="hero">
        <h1>
          Game<span>Night</span>
        </h1>
        <p class="muted">Trivia on the TV with phones as buzzers, or a race across Wikipedia.</p>
      </section>
      <div class="tiles">
        <Link class="tile" href="/trivia/new" data-testid="home-trivia">
          <div class="icon" aria-hidden="true">
            🎤
          </div>
          <h2>Host a trivia night</h2>
          <p class="muted">
            A Jeopardy-style board on the TV, buzzers on everyone's phone, Daily Doubles and a Final round. Bring your
            own questions as CSV or JSON.
          </p>
        </Link>
        {/* A server page (the code form works without the client), so a plain link. */}
        <a class="tile" href="/j" data-testid="home-join">
          <div class="icon" aria-hidden="true">
            📱
          </div>
          <h2>Join a game</h2>
          <p class="muted">Got a code from the TV? Type it here to join with your phone as the buzzer.</p>
        </a>
        <Link class="tile" href="/race" data-testid="home-race">
          <div class="icon" aria-hidden="true">
            🏁
          </div>
          <h2>Wikipedia race</h2>
          <p class="muted">
            Get from one article to another by clicking links, against the clock — or watch the AI do it live.
          </p>
        </Link>
      </div>
    </Frame>
  )
}

export function NotFound() {
  return (
    <Frame>
      <div class="card">
        <h1>Nothing here</h1>
        <p>This address is not a page of Game Night.</p>
        <Link class="btn primary" href="/">
          Go to the start
        </Link>
      </div>
    </Frame>
  )
}
