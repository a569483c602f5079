// Issue 9, "bad links": every link that cannot work says what is wrong and offers a way out, as an
// HTML page, before any form is filled: a join link to a game that does not exist, a bad TV key, a
// forged co-host link, an unknown race, an unknown address, a join code that names no game. The api
// answers the ones it can know with a 404 page; the keys in a link's #fragment are checked by the
// client on load. Every page passes axe's contrast rule.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { joinCode } from '@gamenight/contracts'
import type { Page } from 'playwright-core'
import { expectContrast } from './support/axe.ts'
import { screenshot, startWebSuite, type WebSuite } from './support/browser.ts'

let s: WebSuite
let game: { id: string; hostToken: string; viewToken: string }
const NO_GAME = '00000000-0000-4000-8000-000000000000'
const html = { accept: 'text/html,application/xhtml+xml' }

beforeAll(async () => {
  s = await startWebSuite('weblinks')
  const r = await fetch(`${s.url}/api/games`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Links' }),
  })
  game = (await r.json()) as typeof game
})
afterAll(async () => {
  await s?.stop()
})

/** Opens `path` on a fresh phone and waits for the bad-link page; returns its text. */
async function badLinkOn(page: Page, path: string) {
  await page.goto(`${s.url}${path}`)
  await page.waitForSelector('[data-testid=bad-link]')
  expect(await page.locator('input[data-testid=player-name]').count()).toBe(0)
  expect(await page.locator('[data-testid=way-out]').count()).toBeGreaterThan(0)
  expect(await page.textContent('body')).not.toContain('Connecting…')
  await expectContrast(page, path)
  return (await page.textContent('[data-testid=bad-link]')) ?? ''
}

describe('bad links', () => {
  it('a join link to a game that does not exist is a 404 page with a way out, before any form', async () => {
    for (const id of [NO_GAME, 'not-a-game']) {
      const r = await fetch(`${s.url}/trivia/${id}`, { headers: html })
      expect(r.status).toBe(404)
      expect(r.headers.get('content-type')).toContain('text/html')
      const body = await r.text()
      expect(body).toContain('There is no game at this link')
      expect(body).toContain('href="/"')
    }
    const page = await s.device('phone')
    const text = await badLinkOn(page, `/trivia/${NO_GAME}`)
    expect(text).toContain('No trivia game has the id')
    await screenshot(page, 'bad-link-join')
    // The way out works.
    await page.click('[data-testid=way-out]')
    await page.waitForSelector('[data-testid=home-trivia]')
    expect((await fetch(`${s.url}/trivia/${NO_GAME}/tv`, { headers: html })).status).toBe(404)
    expect((await fetch(`${s.url}/trivia/${NO_GAME}/host`, { headers: html })).status).toBe(404)
  })

  it('a real game is served as the client, and its short join code leads to it', async () => {
    expect((await fetch(`${s.url}/trivia/${game.id}`, { headers: html })).status).toBe(200)
    const code = joinCode(game.id)
    expect(code).toMatch(/^[0-9A-F]{8}$/)
    const r = await fetch(`${s.url}/j/${code.toLowerCase()}`, { redirect: 'manual' })
    expect(r.status).toBe(302)
    expect(r.headers.get('location')).toBe(`/trivia/${game.id}`)
    const page = await s.device('phone')
    await page.goto(`${s.url}/j?code=${code.slice(0, 4)}-${code.slice(4)}`)
    await page.waitForSelector('[data-testid=join-form]')
    expect(new URL(page.url()).pathname).toBe(`/trivia/${game.id}`)
  })

  it('the address the TV shows, /j without a code, is a join-by-code page the start page links to', async () => {
    const page = await s.device('phone')
    await page.goto(`${s.url}/`)
    await page.click('[data-testid=home-join]')
    await page.waitForSelector('[data-testid=join-by-code]')
    expect((await fetch(`${s.url}/j`, { headers: html })).status).toBe(200)
    expect(await page.textContent('h1')).toContain('Join a trivia game')
    // Typed with the letters O and I for the digits 0 and 1, as people misread a code on a TV.
    const code = joinCode(game.id)
    const typo = `${code.replace(/0/g, 'O').replace(/1/g, 'I')}`
    await page.fill('input[name=code]', typo.toLowerCase())
    await page.click('button[type=submit]')
    await page.waitForSelector('[data-testid=join-form]')
    expect(new URL(page.url()).pathname).toBe(`/trivia/${game.id}`)
    await screenshot(page, 'join-by-code')
  })

  it('a join code that names no game says so and offers the code form again', async () => {
    const page = await s.device('phone')
    const text = await badLinkOn(page, '/j/zz12')
    expect(text).toContain('does not match a trivia game')
    expect(await page.locator('input[name=code]').count()).toBe(1)
  })

  it('a bad TV key says the link does not work, instead of connecting forever', async () => {
    const page = await s.device('tv')
    const text = await badLinkOn(page, `/trivia/${game.id}/tv#view=forged-${game.viewToken.slice(0, 8)}`)
    expect(text).toContain('This TV link does not work')
    expect(text).toContain('not the TV key of this game')
    await screenshot(page, 'bad-link-tv')
    // Nor does a TV link without its key.
    const bare = await s.device('tv')
    expect(await badLinkOn(bare, `/trivia/${game.id}/tv`)).toContain('This TV link is incomplete')
  })

  it('a forged co-host link says so and is not kept', async () => {
    const page = await s.device('laptop')
    const text = await badLinkOn(page, `/trivia/${game.id}/host#host=forged`)
    expect(text).toContain('This host link does not work')
    expect(await page.evaluate((id) => localStorage.getItem(`gn:host:${id}`), game.id)).toBeNull()
    // A player's own token is not a host key either (403).
    const p = await fetch(`${s.url}/api/games/${game.id}/players`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Mallory' }),
    })
    const { token } = (await p.json()) as { token: string }
    const other = await s.device('laptop')
    expect(await badLinkOn(other, `/trivia/${game.id}/host#host=${token}`)).toContain('This host link does not work')
  })

  it('an unknown race is a 404 page', async () => {
    const r = await fetch(`${s.url}/race/${NO_GAME}`, { headers: html })
    expect(r.status).toBe(404)
    const page = await s.device('laptop')
    expect(await badLinkOn(page, `/race/${NO_GAME}`)).toContain('There is no race at this link')
  })

  it('an unknown address is a 404 page for a browser and the error JSON for a program', async () => {
    const page = await s.device('laptop')
    expect(await badLinkOn(page, '/no/such/page')).toContain('Game Night has no page at')
    await screenshot(page, 'bad-link-unknown')
    const asJson = await fetch(`${s.url}/no/such/page`)
    expect(asJson.status).toBe(404)
    expect(((await asJson.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND')
    // The api's own paths never answer with a page.
    const api = await fetch(`${s.url}/api/nothing`, { headers: html })
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toContain('application/json')
  })
})
