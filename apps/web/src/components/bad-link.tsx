// A link that cannot work (a wrong TV or co-host key, a game gone): what is wrong and a way out,
// in place of the screen, so nobody waits on an endless "Connecting…". The api already answers a
// link to a game that does not exist with its own 404 page (apps/api/src/web/link-pages.ts); the
// keys in a link's #fragment never reach a server, so those are checked here, on load.
import type { ComponentChildren } from 'preact'
import { Link } from '../lib/router.tsx'
import { Frame } from './frame.tsx'

type Way = { href: string; label: string }

export function BadLink({ title, children, ways }: { title: string; children: ComponentChildren; ways: Way[] }) {
  return (
    <Frame where="Link problem">
      <div class="card stack" style="max-width:40rem;margin:2rem auto" data-testid="bad-link" role="alert">
        <h1 style="margin:0">{title}</h1>
        {children}
        <div class="row">
          {ways.map((w, i) => (
            <Link class={`btn ${i === 0 ? 'primary' : 'ghost'}`} href={w.href} key={w.href} data-testid="way-out">
              {w.label}
            </Link>
          ))}
          <Link class="btn ghost" href="/">
            Go to the start page
          </Link>
        </div>
      </div>
    </Frame>
  )
}

/** Whether a screen's first load failed for good: the link's key or game is wrong (401, 403, 404). */
export const linkRefused = (e: { status?: number } | null, loaded: boolean) =>
  !loaded && !!e && (e.status === 401 || e.status === 403 || e.status === 404)
