// `bun run bench [name ...]`: runs the named benchmarks (default: all) one after another, each as
// its own process so one's load never overlaps another's.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

const ALL = ['trivia', 'relay', 'relay-isolation', 'relay-capacity', 'pipeline', 'ai']
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
const names = wanted.length ? wanted : ALL
for (const name of names) {
  const file = join(import.meta.dir, `${name}.ts`)
  if (!existsSync(file)) {
    console.error(
      `bench: no benchmark "${name}" (have: ${ALL.filter((n) => existsSync(join(import.meta.dir, `${n}.ts`))).join(', ')})`,
    )
    process.exit(2)
  }
  console.error(`bench: running ${name}`)
  const p = Bun.spawn(['bun', file], { stdout: 'inherit', stderr: 'inherit', stdin: 'inherit' })
  if ((await p.exited) !== 0) process.exit(1)
}
