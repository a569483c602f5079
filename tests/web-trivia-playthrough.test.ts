// Issue 9, "done means": one whole trivia night in real Chromium, from create to podium, with a
// host, three phones and a TV, each its own browser profile, against the real suite (api serving
// the web client, relay). The board is a European-locale Excel CSV (semicolons, CRLF, BOM, a quoted
// newline). It plays a clue read with its buzzers closed (a press is "too early"), a mistaken
// "Right" undone (the clue reopens, no dialog), a wrong answer that locks the player out, a Daily
// Double, and the Final with one player too late to wager (the form closes); every screen is
// checked with axe's contrast rule on the way, and screenshots go to docs/screenshots/ for docs/WEB.md.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expectContrast } from './support/axe.ts'
import { screenshot, startWebSuite, type WebSuite, waitFor } from './support/browser.ts'

const BOARD = join(import.meta.dir, 'fixtures', 'playthrough-board.csv')
const T = 20_000

let s: WebSuite
let host: Page
let tv: Page
let ada: Page
let bo: Page
let cy: Page
let gameId = ''

const scoreOn = (page: Page, name: string) =>
  page.getAttribute(`[data-testid=scoreboard] [data-player-name="${name}"] [data-score]`, 'data-score')
const myScore = (page: Page) => page.getAttribute('[data-testid=my-score]', 'data-score')
const buzzerState = (page: Page) => page.getAttribute('[data-testid=buzzer]', 'data-state')
const textOf = async (page: Page, selector: string) =>
  (await page.locator(selector).count()) ? ((await page.textContent(selector)) ?? '') : ''

/** Waits until every page shows `name` with `score` on its scoreboard (phones: their own score). */
async function scoresAgree(name: string, score: number, phone: Page) {
  await waitFor(async () => (await myScore(phone)) === String(score), T, `${name}'s phone shows ${score}`)
  for (const [page, where] of [
    [host, 'host'],
    [tv, 'TV'],
  ] as const)
    await waitFor(async () => (await scoreOn(page, name)) === String(score), T, `${name} ${score} on the ${where}`)
}

async function joinAs(page: Page, url: string, name: string) {
  await page.goto(url)
  await page.waitForSelector('[data-testid=join-form]')
  await page.fill('[data-testid=player-name]', name)
  await page.click('[data-testid=join]')
  await waitFor(async () => (await myScore(page)) === '0', T, `${name} joined`)
}

/** The host's board cell for `category` at `value`. */
const cell = (category: string, value: number) => `[data-testid=board] button[aria-label^="${category} for ${value}"]`

beforeAll(async () => {
  s = await startWebSuite('playthrough')
  host = await s.device('laptop')
  tv = await s.device('tv')
  ada = await s.device('phone')
  bo = await s.device('phone')
  cy = await s.device('phone')
  // Rule 3: no browser dialog anywhere in the game.
  for (const page of [host, tv, ada, bo, cy])
    page.on('dialog', (d) => {
      throw new Error(`unexpected browser dialog: ${d.message()}`)
    })
})
afterAll(async () => {
  await s?.stop()
})

describe('a whole trivia night in the browser', () => {
  it('creates the game from a European Excel CSV and gathers a TV and three phones', async () => {
    await host.goto(`${s.url}/trivia/new`)
    await host.check('[data-testid=board-file-choice]')
    await host.setInputFiles('[data-testid=board-file]', BOARD)
    // A long read time: the too-early press below has time to land on a loaded machine (the host
    // opens the buzzers by hand anyway).
    await host.selectOption('[data-testid=read-time]', '12000')
    expect(await host.textContent('[data-testid=import-summary]')).toContain(
      '2 categories, 4 questions, 1 round, 1 Daily Double, a Final question',
    )
    await expectContrast(host, 'create')
    await host.click('[data-testid=create-game]')
    await host.waitForSelector('[data-testid=board]')
    gameId = new URL(host.url()).pathname.split('/')[2]!

    await tv.goto(await host.inputValue('[data-testid=tv-link]'))
    await tv.waitForSelector('[data-testid=tv] [data-testid=board]')
    // A short join code and URL beside the QR code: the first phone types it, the second follows the link.
    const code = (await tv.textContent('[data-testid=join-code]'))!.trim()
    expect(code).toBe(gameId.slice(0, 8).toUpperCase())
    expect(await tv.textContent('[data-testid=tv-join]')).toContain('/j')
    // The QR code is big enough to scan from the couch: at least a fifth of the TV's height.
    const qr = (await tv.locator('[data-testid=tv-join] svg').boundingBox())!
    expect(qr.height).toBeGreaterThanOrEqual(0.2 * tv.viewportSize()!.height)
    await expectContrast(tv, 'TV board')

    await ada.goto(`${s.url}/`)
    await joinAs(ada, `${s.url}/j/${code}`, 'Ada')
    await expectContrast(ada, 'phone waiting')
    await joinAs(bo, await host.inputValue('[data-testid=player-link]'), 'Bo')
    await cy.goto(`${s.url}/j?code=${code.toLowerCase()}`)
    await cy.waitForSelector('[data-testid=join-form]')
    await expectContrast(cy, 'phone join form')
    await screenshot(cy, 'player-join')
    await joinAs(cy, cy.url(), 'Cy')

    // Presence on the host console reads as words.
    await waitFor(
      async () => (await host.locator('[data-testid=presence]:text-is("online")').count()) === 3,
      T,
      'three players online on the host console',
    )
    await expectContrast(host, 'host console')
    await screenshot(tv, 'tv-board')
    await screenshot(host, 'host-console')
  })

  it('reads the clue with the buzzers closed: a press is too early and locks that phone out', async () => {
    await host.click(cell('Planets', 100))
    // The game's read time (12 s, chosen on the create page) is plenty for a press during the reading.
    await waitFor(
      async () => (await tv.getAttribute('[data-testid=tv-buzzers]', 'data-state')) === 'reading',
      T,
      'TV: buzzers closed while read',
    )
    expect(await textOf(tv, '[data-testid=tv-buzzers]')).toMatch(/Buzzers closed · open in \d+ s/)
    await cy.click('[data-testid=buzzer]')
    await waitFor(async () => (await buzzerState(cy)) === 'lockout', T, "Cy's phone: too early")
    expect(await cy.textContent('[data-testid=buzzer]')).toContain('Too early')
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-too-early]')).includes('Cy'), T, 'TV: Cy too early')
    await waitFor(async () => (await textOf(host, '[data-testid=too-early]')).includes('Cy'), T, 'host: Cy too early')
    await expectContrast(cy, 'phone too early')
    await expectContrast(tv, 'TV clue read, too early')
    await screenshot(tv, 'tv-too-early')
    await screenshot(cy, 'player-too-early')
    // The host opens the buzzers now rather than waiting for the read time.
    await host.click('[data-testid=rearm]')
  })

  it('undoes a mistaken "Right": the clue reopens with who tried, the wrong answer locks Ada out', async () => {
    await waitFor(
      async () => (await tv.getAttribute('[data-testid=tv-buzzers]', 'data-state')) === 'open',
      T,
      'TV: open',
    )
    for (const p of [ada, bo, cy]) await waitFor(async () => (await buzzerState(p)) === 'armed', T, 'phones armed')
    await expectContrast(tv, 'TV clue, buzzers open')
    await expectContrast(ada, 'phone armed')
    await screenshot(tv, 'tv-clue-open')

    await ada.click('[data-testid=buzzer]')
    await waitFor(async () => (await buzzerState(ada)) === 'won', T, "Ada's phone: first")
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-winner]')).includes('Ada'), T, 'TV: Ada first')
    await expectContrast(ada, 'phone first')
    await screenshot(ada, 'player-first')

    // The host presses "Right" by mistake: the room sees it, then the host undoes it in one click.
    await host.click('[data-testid=mark-right]')
    await scoresAgree('Ada', 100, ada)
    await waitFor(
      async () => (await tv.getAttribute('[data-testid=tv-verdict]', 'data-verdict')) === 'right',
      T,
      'TV: right',
    )
    // The answering phone says it too, from the server's verdict on the clue.
    await waitFor(
      async () => (await ada.getAttribute('[data-testid=my-verdict]', 'data-verdict')) === 'right',
      T,
      "Ada's phone: right",
    )
    expect(await ada.textContent('[data-testid=my-verdict]')).toContain('Right! +100')
    expect(await bo.locator('[data-testid=my-verdict]').count()).toBe(0)
    await screenshot(tv, 'tv-verdict-right')
    await host.click('[data-testid=answer-log] [data-testid=undo] >> nth=0')
    await scoresAgree('Ada', 0, ada)
    await waitFor(
      async () => (await tv.getAttribute('[data-testid=tv-verdict]', 'data-verdict')) === 'undone',
      T,
      'TV: undone',
    )
    // The clue is open again on every screen, Ada still the one answering.
    await host.waitForSelector('[data-testid=question-panel]')
    expect(await host.textContent('[data-testid=buzz-status]')).toContain('Ada')
    await tv.waitForSelector('[data-testid=tv-clue]')

    await host.click('[data-testid=mark-wrong]')
    await scoresAgree('Ada', -100, ada)
    await waitFor(
      async () => (await tv.getAttribute('[data-testid=tv-verdict]', 'data-verdict')) === 'wrong',
      T,
      'TV: wrong',
    )
    await waitFor(
      async () => (await ada.getAttribute('[data-testid=my-verdict]', 'data-verdict')) === 'wrong',
      T,
      "Ada's phone: wrong",
    )
    await screenshot(ada, 'player-wrong')
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-locked-out]')).includes('Ada'), T, 'TV: Ada locked')
    await waitFor(
      async () => (await textOf(ada, '[data-testid=buzzer]')).includes('You already answered'),
      T,
      "Ada's phone: locked out",
    )
    expect(await host.textContent('[data-testid=tried]')).toContain('Ada')
    // A negative score has its own colour on the TV.
    expect(await tv.getAttribute('[data-testid=scoreboard] [data-player-name=Ada] [data-score]', 'class')).toContain(
      'neg',
    )
    await expectContrast(tv, 'TV locked out')
    await expectContrast(ada, 'phone locked out')
    await screenshot(tv, 'tv-locked-out')

    await waitFor(async () => (await buzzerState(bo)) === 'armed', T, "Bo's buzzer open again")
    await bo.click('[data-testid=buzzer]')
    await waitFor(async () => (await textOf(host, '[data-testid=buzz-status]')).includes('Bo'), T, 'host: Bo first')
    await host.click('[data-testid=mark-right]')
    await scoresAgree('Bo', 100, bo)
    await tv.waitForSelector('[data-testid=tv-clue]', { state: 'detached' })
    // The clue closed: the room sees the correct answer (the server reveals it with the closed clue).
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-answer]')).includes('Mars'), T, 'TV: the answer')
    await screenshot(tv, 'tv-answer')
  })

  it('plays a Daily Double for Cy, who wagers on the phone and goes negative', async () => {
    await host.click(cell('Rivers', 200))
    await host.selectOption('[data-testid=dd-player]', { label: 'Cy (0)' })
    await cy.waitForSelector('[data-testid=wager-form]')
    await tv.waitForSelector('.dd-banner')
    await expectContrast(cy, 'phone Daily Double wager')
    await cy.fill('[data-testid=my-wager]', '200')
    await cy.click('[data-testid=wager-form] button[type=submit]')
    await waitFor(async () => (await textOf(host, '[data-testid=dd-wager]')).includes('200'), T, 'host: wager 200')
    await host.click('[data-testid=reveal]')
    await waitFor(async () => (await textOf(tv, '[data-testid=tv-prompt]')).includes('Vienna'), T, 'TV: DD clue')
    await host.click('[data-testid=mark-wrong]')
    await scoresAgree('Cy', -200, cy)
    await waitFor(
      async () => (await tv.getAttribute('[data-testid=tv-verdict]', 'data-verdict')) === 'wrong',
      T,
      'TV: wrong',
    )
    await expectContrast(cy, 'phone negative score')
  })

  it('plays the Final and ends on the podium on every screen', async () => {
    // Two clues are still on the board: the console asks inline first (no browser dialog).
    await host.click('[data-testid=start-final]')
    expect(await host.textContent('[data-testid=final-confirm]')).toContain('2 clues left — start the Final anyway?')
    await host.click('[data-testid=final-cancel]')
    expect(await host.locator('[data-testid=final-confirm]').count()).toBe(0)
    await host.click('[data-testid=start-final]')
    await host.click('[data-testid=final-anyway]')
    for (const p of [ada, bo, cy]) await p.waitForSelector('[data-testid=wager-form]')
    await bo.fill('[data-testid=my-wager]', '100')
    await bo.click('[data-testid=wager-form] button[type=submit]')
    await bo.waitForSelector('[data-testid=wager-placed]')
    await ada.fill('[data-testid=my-wager]', '0')
    await ada.click('[data-testid=wager-form] button[type=submit]')
    await ada.waitForSelector('[data-testid=wager-placed]')
    await waitFor(
      async () => (await textOf(host, '[data-testid=reveal]')).includes('1 without a wager'),
      T,
      'host: Cy has not wagered',
    )
    // The room sees who it is waiting for (names, never amounts).
    await waitFor(
      async () => (await textOf(tv, '[data-testid=tv-waiting-for]')) === 'Waiting for Cy',
      T,
      'TV: waiting for Cy',
    )
    expect(await tv.locator('[data-testid=tv-wagerers] [data-wagered=yes]').allTextContents()).toHaveLength(2)
    await expectContrast(tv, 'TV Final wagers')
    await screenshot(tv, 'tv-final-wagers')
    // Cy has not wagered when the host reveals the clue: the phone swaps its form for "closed"
    // (the server refuses it from now on, 409 WAGER_LOCKED; tests/trivia-clue.test.ts).
    await cy.fill('[data-testid=my-wager]', '0')
    await host.click('[data-testid=reveal]')
    await waitFor(async () => (await textOf(cy, '[data-testid=clue]')).includes('Canada'), T, 'Final clue on phones')
    await cy.waitForSelector('[data-testid=wager-closed]')
    expect(await cy.locator('[data-testid=wager-form]').count()).toBe(0)
    expect(await cy.locator('[data-testid=wager-placed]').count()).toBe(0)
    await expectContrast(cy, 'phone wagers closed')
    await screenshot(cy, 'player-wager-closed')
    await expectContrast(host, 'host Final')
    await screenshot(host, 'host-final')

    await host.click('[aria-label="Bo is right"]')
    await scoresAgree('Bo', 200, bo)
    await host.click('[aria-label="Ada is wrong"]')
    await host.click('[data-testid=finish-final]')
    for (const page of [tv, host, ada, bo, cy])
      await waitFor(
        async () => (await textOf(page, '[data-testid=podium]')).includes('Bo wins with 200'),
        T,
        'the podium on every screen',
      )
    // Game over: no phone still waits for a question, and the host console has no live controls.
    for (const p of [ada, bo, cy]) expect(await p.locator('[data-testid=clue-waiting]').count()).toBe(0)
    for (const control of ['start-final', 'end-game', 'undo'])
      expect(await host.locator(`[data-testid=${control}]`).count()).toBe(0)
    expect(await host.locator('[data-testid=board] button:not([disabled])').count()).toBe(0)
    expect(await host.locator('[aria-label^="Correct"]').count()).toBe(0)
    const names = await tv.locator('[data-testid=podium-name]').allTextContents()
    expect(names.map((n) => n.replace(/\s+/g, ' ').trim())).toEqual(['Ada −100', 'Bo 200', 'Cy −200'])
    expect(await tv.textContent('[data-testid=final-reveal]')).toContain('Bo: wagered 100 · right')
    expect(await tv.textContent('[data-testid=final-reveal]')).toContain('Cy: no wager')
    // Words meant for the room are readable from the couch (the play-test measured 14 px).
    for (const sel of ['[data-testid=game-over]', '[data-testid=final-reveal] li'])
      expect(
        await tv
          .locator(sel)
          .first()
          .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
      ).toBeGreaterThanOrEqual(24)
    await expectContrast(tv, 'TV podium')
    await expectContrast(bo, 'phone podium')
    await expectContrast(host, 'host game over')
    await screenshot(tv, 'tv-podium')
    await screenshot(bo, 'player-podium')
  })

  it('fits the buzzer on a phone held sideways', async () => {
    const ctx = await s.browser.newContext({ viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true })
    try {
      const page = await ctx.newPage()
      const other = await fetch(`${s.url}/api/games`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Sideways' }),
      })
      const g = (await other.json()) as { id: string }
      await joinAs(page, `${s.url}/trivia/${g.id}`, 'Dee')
      const box = (await page.locator('[data-testid=buzzer]').boundingBox())!
      expect(box.width).toBeGreaterThan(120)
      expect(box.y).toBeGreaterThanOrEqual(0)
      expect(box.y + box.height).toBeLessThanOrEqual(390)
      expect(box.x + box.width).toBeLessThanOrEqual(844)
      await expectContrast(page, 'phone landscape')
      await screenshot(page, 'player-landscape')
    } finally {
      await ctx.close()
    }
  })
})
