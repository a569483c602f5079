// The pages a bad link gets, served by the api as plain HTML with a 404 status: what is wrong, and
// a way out (the start page, joining with a code). They work before the web client loads (and
// without JavaScript), so a mistyped or stale link never ends in an endless "Connecting…" or a
// form that fails only when sent. Same colours as the client's theme, all text ≥ 4.5:1 contrast.

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

const STYLE = `
  :root { color-scheme: dark; }
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
    background: #0a0f2c; color: #eef1ff; font: 17px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
  main { max-width: 34rem; margin: 1.5rem; padding: 2rem; background: #151d4d; border: 1px solid #2c3778; border-radius: 14px; }
  h1 { margin: 0 0 0.5rem; font-size: 1.6rem; }
  p { margin: 0 0 1rem; }
  code { background: #0a0f2c; padding: 0.1rem 0.35rem; border-radius: 5px; word-break: break-all; }
  .row { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: center; margin-top: 1.25rem; }
  a.btn, button { display: inline-block; padding: 0.6rem 1.1rem; border-radius: 10px; font: inherit; font-weight: 700;
    text-decoration: none; border: 0; cursor: pointer; }
  a.primary, button { background: #ffcc33; color: #0a0f2c; }
  a.ghost { color: #eef1ff; border: 1px solid #8b9bff; }
  label { display: block; font-weight: 600; margin-top: 1.25rem; }
  input { font: inherit; padding: 0.55rem 0.7rem; border-radius: 10px; border: 1px solid #8b9bff; background: #0a0f2c;
    color: #eef1ff; width: 9rem; text-transform: uppercase; letter-spacing: 0.1em; }
  :focus-visible { outline: 3px solid #ffcc33; outline-offset: 2px; }`

type Page = { title: string; body: string; joinForm?: boolean; code?: string; testId?: string }

function render(p: Page): string {
  const form = p.joinForm
    ? `<form action="/j" method="get">
        <label for="code">Join a trivia game with the code on the TV</label>
        <div class="row" style="margin-top:0.4rem">
          <input id="code" name="code" autocomplete="off" spellcheck="false" maxlength="9" placeholder="3F2A91BC" value="${escapeHtml(p.code ?? '')}" required>
          <button type="submit">Join</button>
        </div>
      </form>`
    : ''
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)} · Game Night</title>
<style>${STYLE}</style>
</head>
<body>
<main data-testid="${p.testId ?? 'bad-link'}">
<h1>${escapeHtml(p.title)}</h1>
${p.body}
${form}
<div class="row"><a class="btn ghost" href="/" data-testid="way-out">Go to the start page</a><a class="btn ghost" href="/trivia/new">Host a new game</a></div>
</main>
</body>
</html>`
}

const html = (status: number, page: Page) =>
  new Response(render(page), {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  })

/** 404 for a join, host or TV link to a trivia game that does not exist (a mistyped or removed game). */
export const noSuchTriviaGame = (id: string) =>
  html(404, {
    title: 'There is no game at this link',
    body: `<p>No trivia game has the id <code>${escapeHtml(id)}</code>. The link may be cut short or mistyped, or the game was removed.</p>
<p>Ask the host for the link again, or type the join code shown on the TV.</p>`,
    joinForm: true,
  })

/** 404 for a race link whose race does not exist. */
export const noSuchRace = (id: string) =>
  html(404, {
    title: 'There is no race at this link',
    body: `<p>No Wikipedia race has the id <code>${escapeHtml(id)}</code>. The link may be mistyped, or the race was removed.</p>
<div class="row"><a class="btn primary" href="/race">Start a new race</a></div>`,
  })

/** 404 for a join code that names no game (or an ambiguous one). */
export const noSuchJoinCode = (code: string) =>
  html(404, {
    title: 'No game has this code',
    body: `<p>The code <code>${escapeHtml(code)}</code> does not match a trivia game. A code is the 8 letters and digits shown on the TV beside the QR code (0–9 and A–F).</p>`,
    joinForm: true,
    code,
  })

/** 200 for `/j` without a code: the address the TV shows, opened before typing the code. */
export const joinPage = () =>
  html(200, {
    title: 'Join a trivia game',
    body: '<p>Type the code shown on the TV beside the QR code (8 letters and digits, like <code>3F2A91BC</code>).</p>',
    joinForm: true,
    testId: 'join-by-code',
  })

/** 404 for an address that is not a page of Game Night. */
export const unknownPage = (path: string) =>
  html(404, {
    title: 'This page does not exist',
    body: `<p>Game Night has no page at <code>${escapeHtml(path)}</code>.</p>`,
    joinForm: true,
  })
