// Wiki race in real Chromium against the real suite (api + relay + AI worker as processes): a
// person plays to the target by clicking links while a friend spectates, and an AI race is
// watched to its end.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type { Page } from 'playwright-core'
import { screenshot, startWebSuite, type WebSuite, waitFor } from './support/browser.ts'

let s: WebSuite

const links = async (title: string): Promise<string[]> => {
  const r = await fetch(`${s.url}/articles/${encodeURIComponent(title)}`)
  if (!r.ok) throw new Error(`article ${title}: ${r.status}`)
  return ((await r.json()) as { links: string[] }).links
}
const pathOn = (page: Page) =>
  page.$$eval('[data-testid=path] li[data-article]', (lis) => lis.map((li) => li.getAttribute('data-article')!))

async function pick(page: Page, field: string, title: string) {
  await page.fill(`[data-testid=${field}]`, title)
  // The suggestion list offers the title; choosing it fills the field.
  await page.click(`.suggest li:text-is("${title}")`)
  expect(await page.inputValue(`[data-testid=${field}]`)).toBe(title)
}

beforeAll(async () => {
  // The worker pauses between moves, as in a real deployment, so a person (and the test) can watch.
  s = await startWebSuite('webrace', { worker: true, workerEnv: { AI_MOVE_DELAY_MS: '1200' } })
})
afterAll(async () => {
  await s?.stop()
})

describe('wiki race in the browser', () => {
  it('a person plays to the target by clicking links while a spectator watches the moves arrive', async () => {
    // A two-click route: Cat → a link of Cat → one of its links that Cat does not link to.
    const start = 'Cat'
    const first = (await links(start)).sort()
    let via = ''
    let target = ''
    for (const l of first) {
      const next = (await links(l)).find((t) => t !== start && !first.includes(t))
      if (next) {
        via = l
        target = next
        break
      }
    }
    expect(target).not.toBe('')

    const me = await s.device('laptop')
    await me.goto(`${s.url}/race`)
    await pick(me, 'start-article', start)
    await pick(me, 'end-article', target)
    await screenshot(me, 'race-start')
    await me.click('[data-testid=start-race]')
    await me.waitForSelector(`[data-testid=article][data-title="${start}"]`)
    expect(await me.textContent('[data-testid=target]')).toContain(target)
    const gameUrl = me.url()
    expect(gameUrl).toMatch(/\/race\/[0-9a-f-]{36}$/)

    const friend = await s.device('phone')
    await friend.goto(gameUrl)
    await friend.waitForSelector(`[data-testid=article][data-title="${start}"]`)
    // A spectator cannot click.
    expect(await friend.locator('[data-testid=article] a.wl').count()).toBe(0)

    await me.click(`[data-testid=article] a.wl[data-link="${via}"]`)
    await me.waitForSelector(`[data-testid=article][data-title="${via}"]`)
    await waitFor(async () => (await me.textContent('[data-testid=clicks]')) === '1', 15000, 'one click counted')
    await waitFor(async () => (await pathOn(friend)).includes(via), 15000, 'the spectator sees the move')
    await screenshot(me, 'race-play')
    await screenshot(friend, 'race-spectate-phone')

    await me.click(`[data-testid=article] a.wl[data-link="${target}"]`)
    await me.waitForSelector('[data-testid=finish][data-status=won]')
    expect(await me.textContent('[data-testid=final-clicks]')).toBe('2')
    // The optimal distance is revealed once the race is over.
    const optimal = await waitFor(
      async () => Number(await me.textContent('[data-testid=optimal]')) || null,
      15000,
      'optimal distance',
    )
    expect(optimal).toBeGreaterThanOrEqual(1)
    expect(optimal).toBeLessThanOrEqual(2)
    const path = await pathOn(me)
    expect(path).toEqual([start, via, target])
    await friend.waitForSelector('[data-testid=finish][data-status=won]')
    await screenshot(me, 'race-won')
  })

  it('says in words when a race does not exist', async () => {
    const me = await s.device('laptop')
    await me.goto(`${s.url}/race/00000000-0000-4000-8000-000000000000`)
    // The api answers with its 404 page, with a way out (tests/web-links.test.ts covers every bad link).
    await waitFor(
      async () => (await me.textContent('main'))?.includes('There is no race at this link'),
      15000,
      'unknown race explained',
    )
    expect(await me.locator('[data-testid=way-out]').count()).toBeGreaterThan(0)
  })

  it('an AI race is started from the page and watched live to its end, with the reason for every click', async () => {
    const page = await s.device('laptop')
    await page.goto(`${s.url}/race`)
    await page.check('[data-testid=play-ai]')
    await page.check('input[name=difficulty] >> nth=0')
    await page.click('[data-testid=start-race]')
    await page.waitForSelector('[data-testid=article]')
    let shot = false
    // Moves arrive one by one on the page (the worker waits a little between moves).
    await waitFor(
      async () => {
        const done = await page.locator('[data-testid=finish]').count()
        if (!shot && !done && Number(await page.textContent('[data-testid=clicks]')) >= 1) {
          shot = true
          await screenshot(page, 'race-ai-watch')
        }
        return done
      },
      45000,
      'the AI race to end',
    )
    expect(await page.getAttribute('[data-testid=finish]', 'data-status')).toBe('won')
    const clicks = Number(await page.textContent('[data-testid=final-clicks]'))
    expect(clicks).toBeGreaterThanOrEqual(2)
    const path = await pathOn(page)
    expect(path.length).toBe(clicks + 1)
    // Every AI move shows, beside the path, the short reason the AI sent with it.
    const reasons = await page.$$eval('[data-testid=path] li[data-article]', (lis) =>
      lis.map((li) => li.querySelector('[data-testid=reason]')?.textContent ?? null),
    )
    expect(reasons[0]).toBeNull() // the start is not a move
    for (const r of reasons.slice(1)) {
      expect(r).not.toBeNull()
      expect(r!.length).toBeGreaterThan(5)
      expect(r!.length).toBeLessThanOrEqual(200)
    }
    // The last click reaches the target, and its reason says so.
    expect(reasons[clicks]!.toLowerCase()).toContain('target')
    // The article shown is the target's: the page followed every move.
    const target = (await page.textContent('[data-testid=target] .title'))!
    await page.waitForSelector(`[data-testid=article][data-title="${target}"]`)
    await screenshot(page, 'race-ai-done')
  })
})
