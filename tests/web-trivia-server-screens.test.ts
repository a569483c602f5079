// The TV and the phones follow the server, not the host's socket (issue 9 play-test, findings 8 and
// 9): a clue selected over the api (no host console open) shows on the TV and a phone, judged over
// the api it shows right / wrong and then the answer, and a reopened TV does not replay an old
// verdict over the next clue. The relay cannot be bypassed here: every change is an api call whose
// event reaches the screens through the outbox and the relay, like a host console's.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type { Page } from 'playwright-core'
import { screenshot, startWebSuite, type WebSuite, waitFor } from './support/browser.ts'

const T = 20_000
let s: WebSuite
let tv: Page
let ada: Page

const board = {
  categories: [
    {
      name: 'Planets',
      questions: [
        { value: 100, prompt: 'The red planet.', answer: 'Mars' },
        { value: 200, prompt: 'The ringed planet.', answer: 'Saturn' },
      ],
    },
  ],
}
const textOf = async (page: Page, selector: string) =>
  (await page.locator(selector).count()) ? ((await page.textContent(selector)) ?? '') : ''

beforeAll(async () => {
  s = await startWebSuite('serverscreens')
  tv = await s.device('tv')
  ada = await s.device('phone')
})
afterAll(async () => {
  await s?.stop()
})

describe('screens follow the server', () => {
  it('shows a clue selected and judged over the api on the TV and a phone, then the answer', async () => {
    const api = async (method: string, path: string, token: string | null, body?: unknown) => {
      const r = await fetch(`${s.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return (await r.json()) as any
    }
    const g = await api('POST', '/api/games', null, { name: 'Api night', board, readTimeMs: 0 })
    const host = (method: string, path: string, body?: unknown) =>
      api(method, `/api/games/${g.id}${path}`, g.hostToken, body)
    const snap = await host('GET', '')
    const [q1, q2] = snap.categories[0].questions.map((q: { id: string }) => q.id)

    await tv.goto(`${s.url}/trivia/${g.id}/tv#view=${encodeURIComponent(g.viewToken)}`)
    await tv.waitForSelector('[data-testid=tv] [data-testid=board]')
    await ada.goto(`${s.url}/trivia/${g.id}`)
    await ada.fill('[data-testid=player-name]', 'Ada')
    await ada.click('[data-testid=join]')
    await waitFor(async () => (await ada.getAttribute('[data-testid=my-score]', 'data-score')) === '0', T, 'joined')
    const adaId = (await host('GET', '')).players[0].id as string

    // Selected over the api: no host console, no relay message from a host.
    await host('POST', '/clue', { questionId: q1 })
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-prompt]')).includes('red planet'), T, 'TV: the clue')
    await waitFor(async () => (await textOf(ada, '[data-testid=clue]')).includes('red planet'), T, 'phone: the clue')
    await waitFor(async () => (await ada.getAttribute('[data-testid=buzzer]', 'data-state')) === 'armed', T, 'armed')

    await ada.click('[data-testid=buzzer]')
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-winner]')).includes('Ada'), T, 'TV: Ada first')
    await host('POST', '/answers', { playerId: adaId, questionId: q1, isCorrect: true })
    await waitFor(
      async () => (await tv.getAttribute('[data-testid=tv-verdict]', 'data-verdict')) === 'right',
      T,
      'TV: right',
    )
    await waitFor(
      async () => (await ada.getAttribute('[data-testid=my-verdict]', 'data-verdict')) === 'right',
      T,
      'phone: right',
    )
    await api('PATCH', `/api/questions/${q1}`, g.hostToken, { answered: true })
    await host('POST', '/clue/close')
    await tv.waitForSelector('[data-testid=tv-clue]', { state: 'detached' })
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-answer]')).includes('Mars'), T, 'TV: the answer')

    // Reopened mid-clue on the next question: the old "right" is not announced again.
    await host('POST', '/clue', { questionId: q2 })
    await tv.reload()
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-prompt]')).includes('ringed'), T, 'TV: next clue')
    for (let i = 0; i < 6; i++) {
      expect(await tv.locator('[data-testid=tv-verdict]').count()).toBe(0)
      expect(await tv.locator('[data-testid=tv-answer]').count()).toBe(0)
      await tv.waitForTimeout(250)
    }
    await screenshot(tv, 'tv-api-clue')
  })

  it('shows "Reconnecting…" on the TV over a full-screen clue while the relay is down', async () => {
    await tv.waitForSelector('[data-testid=tv-clue]')
    const restarting = s.restartRelay(1500)
    await tv.waitForSelector('[data-testid=reconnecting]', { timeout: T })
    // Not merely in the DOM: the banner is what is on top where it is drawn.
    const onTop = await tv.evaluate(() => {
      const banner = document.querySelector('[data-testid=reconnecting]')!
      const r = banner.getBoundingClientRect()
      return banner.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2))
    })
    expect(onTop).toBe(true)
    await screenshot(tv, 'tv-reconnecting')
    await restarting
    await tv.waitForSelector('[data-testid=reconnecting]', { state: 'detached', timeout: 30_000 })
  })
})
