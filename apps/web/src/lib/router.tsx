// A tiny History-API router: the path is a signal; links and navigate() push state without reloads.
import { signal } from '@preact/signals'
import type { AnchorHTMLAttributes, ComponentChildren } from 'preact'

export const path = signal(location.pathname)
export const hash = signal(location.hash)

addEventListener('popstate', () => {
  path.value = location.pathname
  hash.value = location.hash
})

export function navigate(to: string, opts: { replace?: boolean } = {}) {
  if (opts.replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  const u = new URL(to, location.href)
  path.value = u.pathname
  hash.value = u.hash
  if (!opts.replace) scrollTo(0, 0)
}

/** Matches `/trivia/:id/host` style patterns; returns the params or null. */
export function match(pattern: string, p: string): Record<string, string> | null {
  const a = pattern.split('/').filter(Boolean)
  const b = p.split('/').filter(Boolean)
  if (a.length !== b.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < a.length; i++) {
    const seg = a[i]!
    const val = b[i]!
    if (seg.startsWith(':')) params[seg.slice(1)] = decodeURIComponent(val)
    else if (seg !== val) return null
  }
  return params
}

type LinkProps = AnchorHTMLAttributes & { href: string; children?: ComponentChildren }

/** An ordinary link (works with middle-click, keyboard, copy) that navigates in place on a plain click. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (e: MouseEvent) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return
    if ((rest as { target?: string }).target === '_blank') return
    e.preventDefault()
    navigate(href)
  }
  return (
    <a href={href} onClick={onClick} {...rest}>
      {children}
    </a>
  )
}
