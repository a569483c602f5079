// WCAG AA contrast on a live page: axe-core (npm) injected into the page, its color-contrast rule
// run over the whole document; a violation fails the test with each failing text and its ratio.
import { join } from 'node:path'
import type { Page } from 'playwright-core'

const AXE = join(import.meta.dir, '..', '..', 'node_modules', 'axe-core', 'axe.min.js')
let source: string | undefined

type Violation = { id: string; nodes: { target: unknown[]; failureSummary?: string; html: string }[] }

/** Runs axe's color-contrast rule (4.5:1 for text, 3:1 for large text) on `page`; throws naming every failure. */
export async function expectContrast(page: Page, screen: string): Promise<void> {
  source ??= await Bun.file(AXE).text()
  // Colours mid-animation (a clue zooming in from transparent) are not what people read: let the
  // running finite animations end first (a spinner's infinite one never does), 3 s at most.
  await page.evaluate(() =>
    Promise.race([
      new Promise((r) => setTimeout(r, 3000)),
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
          .map((a) => a.finished.catch(() => {})),
      ),
    ]),
  )
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: source })
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: unknown }> } })
      .axe
    const r = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] } })
    return r.violations
  })) as Violation[]
  if (violations.length === 0) return
  const lines = violations.flatMap((v) =>
    v.nodes.map((n) => `  ${JSON.stringify(n.target)} ${n.html.slice(0, 80)}\n    ${n.failureSummary ?? ''}`),
  )
  throw new Error(`${screen}: ${lines.length} text(s) below WCAG AA contrast:\n${lines.join('\n')}`)
}
