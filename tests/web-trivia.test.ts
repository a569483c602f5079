// Trivia night in real Chromium against the real suite (api serving the web client, relay): a
// host, a TV and two phones, each its own browser profile.
import { afterAll, beforeAll, describe, expect, it } from 'bun:test'
import type { Page } from 'playwright-core'
import { screenshot, startWebSuite, type WebSuite, waitFor } from './support/browser.ts'

let s: WebSuite
let host: Page
let tv: Page
let ada: Page
let grace: Page
let playerLink = ''
let graceBefore = 0

const scoreOn = (page: Page, name: string) =>
  page.evaluate(
    (n) =>
      document
        .querySelector(`[data-testid=scoreboard] [data-player-name="${n}"] [data-score]`)
        ?.getAttribute('data-score') ?? null,
    name,
  )
const myScore = (page: Page) => page.getAttribute('[data-testid=my-score]', 'data-score')
const connOf = (page: Page) =>
  page.evaluate(() => document.querySelector('[data-conn]')?.getAttribute('data-conn') ?? null)

async function join(page: Page, name: string) {
  await page.goto(playerLink)
  await page.fill('[data-testid=player-name]', name)
  await page.click('[data-testid=join]')
  await page.waitForSelector('[data-testid=my-name]')
  await waitFor(async () => (await myScore(page)) === '0', 15000, `${name}'s score`)
}

/** The first unanswered question of the first category that is not a Daily Double (the host sees where they are). */
async function pickPlainQuestion(): Promise<string> {
  return host.evaluate(() => {
    const cells = [...document.querySelectorAll<HTMLButtonElement>('[data-testid=board] button[data-question]')]
    const cell = cells.find((c) => c.dataset.answered === 'false' && !c.querySelector('.dd'))!
    cell.click()
    return cell.dataset.question!
  })
}

beforeAll(async () => {
  s = await startWebSuite('webtrivia')
  host = await s.device('laptop')
  tv = await s.device('tv')
  ada = await s.device('phone')
  grace = await s.device('phone')
})
afterAll(async () => {
  await s?.stop()
})

describe('trivia night in the browser', () => {
  it('creates a game from the start page and shows the invite links and QR code', async () => {
    await host.goto(s.url)
    await screenshot(host, 'home')
    await host.click('[data-testid=home-trivia]')
    await host.fill('[data-testid=game-name]', 'Friday Quiz')
    await screenshot(host, 'trivia-create')
    await host.click('[data-testid=create-game]')
    await host.waitForSelector('[data-testid=board]')
    playerLink = await host.inputValue('[data-testid=player-link]')
    expect(playerLink).toMatch(/\/trivia\/[0-9a-f-]{36}$/)
    expect(await host.locator('[data-testid=invite] svg[role=img]').count()).toBe(1)
    const tvLink = await host.inputValue('[data-testid=tv-link]')
    await tv.goto(tvLink)
    await tv.waitForSelector('[data-testid=tv] [data-testid=board]')
  })

  it('says in words when a game does not exist, before the join form', async () => {
    const page = await s.device('phone')
    await page.goto(`${s.url}/trivia/00000000-0000-4000-8000-000000000000`)
    const text = await page.textContent('[data-testid=bad-link]')
    expect(text).toContain('There is no game at this link')
    expect(await page.locator('[data-testid=player-name]').count()).toBe(0)
    await page.context().close()
  })

  it('plays a question: first buzz wins on every screen, right answer scores everywhere', async () => {
    await join(ada, 'Ada')
    await screenshot(ada, 'player-waiting')
    await join(grace, 'Grace')
    await waitFor(async () => (await scoreOn(host, 'Grace')) === '0', 15000, 'Grace on the host console')
    await waitFor(
      async () => (await scoreOn(tv, 'Ada')) === '0' && (await scoreOn(tv, 'Grace')) === '0',
      15000,
      'both players on the TV',
    )

    const questionId = await pickPlainQuestion()
    const prompt = await host.textContent('[data-testid=question-panel] .prompt')
    expect(prompt).toBeTruthy()
    // The selected question appears big on the TV and on the phones, buzzers open.
    await tv.waitForSelector('[data-testid=tv-prompt]')
    expect(await tv.textContent('[data-testid=tv-prompt]')).toBe(prompt)
    expect(await ada.textContent('[data-testid=clue]')).toContain(prompt!)
    await ada.waitForSelector('[data-testid=buzzer][data-state=armed]')
    await grace.waitForSelector('[data-testid=buzzer][data-state=armed]')

    // Both press at once: whoever the server saw first wins, and every screen agrees on it.
    await Promise.all([ada.click('[data-testid=buzzer]'), grace.click('[data-testid=buzzer]')])
    const states = await waitFor(
      async () => {
        const a = await ada.getAttribute('[data-testid=buzzer]', 'data-state')
        const g = await grace.getAttribute('[data-testid=buzzer]', 'data-state')
        return a === 'won' || g === 'won' ? { a, g } : null
      },
      15000,
      'a winner',
    )
    const [winner, loser, winnerName] = states.a === 'won' ? [ada, grace, 'Ada'] : [grace, ada, 'Grace']
    expect(await winner.getAttribute('[data-testid=buzzer]', 'data-state')).toBe('won')
    await waitFor(
      async () => (await loser.textContent('[data-testid=buzzer]'))?.includes(`${winnerName} was first`),
      15000,
      'the other phone sees who won',
    )
    await waitFor(
      async () => (await host.textContent('[data-testid=buzz-status]'))?.includes(`${winnerName} buzzed first`),
      15000,
      'host sees the winner',
    )
    await waitFor(
      async () => (await tv.textContent('[data-testid=tv-winner]'))?.includes(winnerName),
      15000,
      'TV shows the winner',
    )
    // Presses are listed on the host in order, the winner first, with reaction times.
    const buzzes = await waitFor(
      async () => {
        const rows = await host.locator('[data-testid=buzzes] li').allTextContents()
        return rows.length ? rows : null
      },
      15000,
      'buzzes listed',
    )
    expect(buzzes[0]).toContain(winnerName)
    expect(buzzes[0]).toMatch(/\d+\.\d\d s/)
    await screenshot(host, 'host-buzzed')
    await screenshot(winner, 'player-won')
    await screenshot(loser, 'player-lost')
    await screenshot(tv, 'tv-question')

    // Read the value before marking: a fast round trip may close the question panel first.
    const value = await host.evaluate(() =>
      Number(document.querySelector('[data-testid=question-panel] h2')?.textContent?.match(/for (\d+)/)?.[1]),
    )
    await host.click('[data-testid=mark-right]')
    const expected = String(value)
    await waitFor(async () => (await scoreOn(host, winnerName)) === expected, 15000, 'the winner scored on the host')
    await waitFor(async () => (await myScore(winner)) === expected, 15000, 'the winner scored on their phone')
    await waitFor(
      async () => (await scoreOn(loser, winnerName)) === expected,
      15000,
      'the winner scored on the other phone',
    )
    await waitFor(async () => (await scoreOn(tv, winnerName)) === expected, 15000, 'the winner scored on the TV')
    await waitFor(async () => (await myScore(loser)) === '0', 15000, 'the other player unchanged')
    // The question closes everywhere and its cell is greyed on the TV.
    await tv.waitForSelector('[data-testid=tv-clue]', { state: 'detached' })
    await tv.waitForSelector(`[data-question="${questionId}"][data-answered=true]`)
    await ada.waitForSelector('[data-testid=clue-waiting]')
    await screenshot(tv, 'tv-board')
    await screenshot(host, 'host-console')
  })

  it('a player who reloads is still in the game as the same player with the same score', async () => {
    const before = await myScore(ada)
    await ada.reload()
    await ada.waitForSelector('[data-testid=my-name]')
    expect(await ada.textContent('[data-testid=my-name]')).toBe('Ada')
    await waitFor(async () => (await myScore(ada)) === before, 15000, 'score after reload')
    expect(await ada.locator('[data-testid=join-form]').count()).toBe(0)
    // Still one Ada in the game.
    expect(await host.locator('[data-testid=scoreboard] [data-player-name=Ada]').count()).toBe(1)
  })

  it('every page recovers by itself after the relay restarts, and play goes on', async () => {
    for (const p of [host, tv, ada, grace])
      await waitFor(async () => (await connOf(p)) === 'live', 15000, 'live before restart')
    const restarting = s.restartRelay(1500)
    await ada.waitForSelector('[data-testid=reconnecting]', { timeout: 15000 })
    await screenshot(ada, 'player-reconnecting')
    await restarting
    for (const p of [host, tv, ada, grace]) {
      await waitFor(async () => (await connOf(p)) === 'live', 30000, 'live again after the relay restart')
      await p.waitForSelector('[data-testid=reconnecting]', { state: 'detached' })
    }
    // A new question, Grace buzzes, the host marks her wrong: every screen follows.
    graceBefore = Number(await myScore(grace))
    await pickPlainQuestion()
    await grace.waitForSelector('[data-testid=buzzer][data-state=armed]')
    await grace.click('[data-testid=buzzer]')
    await grace.waitForSelector('[data-testid=buzzer][data-state=won]')
    await waitFor(
      async () => (await host.textContent('[data-testid=buzz-status]'))?.includes('Grace buzzed first'),
      15000,
      'host sees Grace',
    )
    const value = await host.evaluate(() =>
      Number(document.querySelector('[data-testid=question-panel] h2')?.textContent?.match(/for (\d+)/)?.[1]),
    )
    await host.click('[data-testid=mark-wrong]')
    const expected = String(graceBefore - value)
    await waitFor(async () => (await myScore(grace)) === expected, 15000, 'Grace lost points on her phone')
    await waitFor(async () => (await scoreOn(tv, 'Grace')) === expected, 15000, 'Grace lost points on the TV')
    await waitFor(async () => (await scoreOn(ada, 'Grace')) === expected, 15000, "Grace lost points on Ada's phone")
    // The buzzers re-open for the others; Grace is locked out of this question.
    await ada.waitForSelector('[data-testid=buzzer][data-state=armed]')
    expect(await grace.textContent('[data-testid=buzzer]')).toContain('already answered')
  })

  it('the host undoes an answer and corrects a score; every screen follows', async () => {
    await host.click('[data-testid=answer-log] [data-testid=undo] >> nth=0')
    await waitFor(async () => (await myScore(grace)) === String(graceBefore), 15000, 'Grace restored by undo')
    await host.click('[aria-label="Correct Ada\'s score"]')
    // While correcting, the row still says whose score it is (the name keeps its width).
    const name = (await host.locator('[data-testid=scoreboard] [data-player-name=Ada] .name').boundingBox())!
    expect(name.width).toBeGreaterThan(20)
    expect(await host.textContent('[data-testid=scoreboard] [data-player-name=Ada] .name')).toContain('Ada')
    await host.fill('[data-testid=score-input]', '1234')
    await host.press('[data-testid=score-input]', 'Enter')
    await waitFor(async () => (await myScore(ada)) === '1234', 15000, 'Ada corrected on her phone')
    await waitFor(async () => (await scoreOn(tv, 'Ada')) === '1234', 15000, 'Ada corrected on the TV')
  })
})
