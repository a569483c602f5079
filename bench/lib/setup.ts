// What every benchmark needs before it measures: a database of its own (dropped afterwards) and a
// way to wait until a process it started answers.
import { type SetupStep, setupDatabase } from '@gamenight/db'
import postgres from 'postgres'

export const BASE_DATABASE_URL = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres')

export async function benchDatabase(label: string, progress: (m: string) => void, steps: SetupStep[] = []) {
  const name = `gn_bench_${label}_${Date.now().toString(36)}`
  const url = new URL(BASE_DATABASE_URL)
  url.pathname = `/${name}`
  progress(`database ${name}`)
  await setupDatabase(url.toString(), progress, steps)
  return {
    name,
    url: url.toString(),
    async drop() {
      const admin = new URL(BASE_DATABASE_URL)
      admin.pathname = '/postgres'
      const sql = postgres(admin.toString(), { max: 1, onnotice: () => {} })
      await sql.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {})
      await sql.end()
    },
  }
}

export async function waitReady(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return
    } catch {}
    await Bun.sleep(100)
  }
  throw new Error(`not ready: ${url}`)
}
