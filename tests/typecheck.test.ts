// The whole tree type-checks under the strict tsconfig: shared contracts really are shared.
import { expect, it } from 'bun:test'
import { join } from 'node:path'

it('type-checks every app, library, test and benchmark with no errors', () => {
  const root = join(import.meta.dir, '..')
  const r = Bun.spawnSync([join(root, 'node_modules/.bin/tsc'), '--noEmit', '-p', root], { cwd: root })
  const out = r.stdout.toString() + r.stderr.toString()
  expect(
    out
      .split('\n')
      .filter((l) => l.includes('error TS'))
      .slice(0, 20),
  ).toEqual([])
  expect(r.exitCode).toBe(0)
})
