// The page frame: top bar with the brand, what this screen is, and the live connection state; a
// loud banner while reconnecting so nobody trusts a frozen screen.
import type { ComponentChildren } from 'preact'
import { Link } from '../lib/router.tsx'

export type ConnState = 'connecting' | 'live' | 'reconnecting' | 'offline'

const CONN_TEXT: Record<ConnState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
}

export function ConnBadge({ state }: { state: ConnState }) {
  return (
    <span class={`conn ${state}`} data-conn={state} role="status" aria-live="polite">
      {CONN_TEXT[state]}
    </span>
  )
}

export function ReconnectBanner({ state }: { state: ConnState | null }) {
  if (state !== 'reconnecting' && state !== 'offline') return null
  return (
    <div class="reconnect-banner" data-testid="reconnecting" role="alert">
      <span class="spinner" aria-hidden="true" />
      {state === 'offline'
        ? 'Connection lost — trying again…'
        : 'Reconnecting… scores and board will catch up by themselves.'}
    </div>
  )
}

export function Frame({
  where,
  conn,
  children,
  wide,
}: {
  where?: ComponentChildren
  conn?: ConnState | null
  children: ComponentChildren
  wide?: boolean
}) {
  return (
    <>
      <ReconnectBanner state={conn ?? null} />
      <header class="topbar">
        <Link class="brand" href="/">
          Game<span>Night</span>
        </Link>
        <span class="where grow">{where}</span>
        {conn && <ConnBadge state={conn} />}
      </header>
      <main class={wide ? 'page full' : 'page'} id="main">
        {children}
      </main>
    </>
  )
}
