// A board imported from CSV in the browser, with a Daily Double and a Final: wagers placed on the
// phone, the clue revealed by the host, the wager scored on every screen.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type { Page } from 'playwright-core'
import { screenshot, startWebSuite, type WebSuite, waitFor } from './support/browser.ts'

const CSV = `round,category,value,question,answer,daily_double
1,Planets,100,The red planet.,Mars,
1,Planets,200,"The largest planet, by far.",Jupiter,yes
final,Capitals,,The capital city of Canada.,Ottawa,
`

let s: WebSuite
let host: Page
let tv: Page
let ada: Page
const myScore = (page: Page) => page.getAttribute('[data-testid=my-score]', 'data-score')

beforeAll(async () => {
  s = await startWebSuite('webwagers')
  host = await s.device('laptop')
  tv = await s.device('tv')
  ada = await s.device('phone')
})
afterAll(async () => {
  await s?.stop()
})

describe('Daily Double and Final wagers in the browser', () => {
  it('imports a CSV board and plays a Daily Double and the Final with wagers from the phone', async () => {
    await host.goto(`${s.url}/trivia/new`)
    await host.check('[data-testid=board-file-choice]')
    await host.setInputFiles('[data-testid=board-file]', {
      name: 'board.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    })
    expect(await host.textContent('[data-testid=import-summary]')).toContain('1 Daily Double, a Final question')
    await screenshot(host, 'trivia-create-csv')
    await host.click('[data-testid=create-game]')
    await host.waitForSelector('[data-testid=board]')
    await tv.goto(await host.inputValue('[data-testid=tv-link]'))
    await ada.goto(await host.inputValue('[data-testid=player-link]'))
    await ada.fill('[data-testid=player-name]', 'Ada')
    await ada.click('[data-testid=join]')
    await waitFor(async () => (await myScore(ada)) === '0', 15000, 'Ada joined')
    await host.waitForSelector('[data-testid=scoreboard] [data-player-name=Ada]')

    // The Daily Double: "Daily Double!" on the TV, a wager form on Ada's phone, no buzzer.
    await host.click('[data-testid=board] button[aria-label*="Daily Double"]')
    await tv.waitForSelector('.dd-banner')
    await ada.waitForSelector('[data-testid=wager-form]')
    await screenshot(tv, 'tv-daily-double')
    await ada.fill('[data-testid=my-wager]', '150')
    await screenshot(ada, 'player-wager')
    await ada.click('[data-testid=wager-form] button[type=submit]')
    await waitFor(
      async () => (await host.textContent('[data-testid=dd-wager]'))?.includes('150'),
      15000,
      'the host sees the wager',
    )
    await host.click('[data-testid=reveal]')
    await waitFor(
      async () => (await tv.textContent('[data-testid=tv-prompt]'))?.includes('largest planet'),
      15000,
      'clue on the TV',
    )
    await host.click('[data-testid=mark-right]')
    await waitFor(async () => (await myScore(ada)) === '150', 15000, 'the wager scored on the phone')

    // The Final: everyone wagers on their phone (secretly), the host reveals, judges, finishes.
    await host.click('[data-testid=start-final]')
    await host.click('[data-testid=final-anyway]') // one clue is still on the board
    await ada.waitForSelector('[data-testid=wager-form]')
    await ada.fill('[data-testid=my-wager]', '100')
    await ada.click('[data-testid=wager-form] button[type=submit]')
    await ada.waitForSelector('[data-testid=wager-placed]')
    await waitFor(
      async () => (await host.textContent('[data-testid=final-players]'))?.includes('wagers 100'),
      15000,
      'the host sees the Final wager',
    )
    await host.click('[data-testid=reveal]')
    await waitFor(
      async () => (await ada.textContent('[data-testid=clue]'))?.includes('capital city of Canada'),
      15000,
      'Final clue on the phone',
    )
    await screenshot(host, 'host-final')
    await host.click('[aria-label="Ada is right"]')
    await waitFor(async () => (await myScore(ada)) === '250', 15000, 'the Final wager scored')
    await host.click('[data-testid=finish-final]')
    await tv.waitForSelector('[data-testid=tv-clue]', { state: 'detached' })
    await waitFor(
      async () =>
        (await tv.getAttribute('[data-testid=scoreboard] [data-player-name=Ada] [data-score]', 'data-score')) === '250',
      15000,
      'final score on the TV',
    )
    // Finishing the Final ends the game: every screen says who won.
    for (const page of [tv, ada, host])
      await waitFor(
        async () => (await page.textContent('[data-testid=game-over]'))?.includes('Ada wins with 250'),
        15000,
        'the game over on every screen',
      )
  })
})
