// A private redis-server child process for tests that kill or restart Redis (never the shared one
// on 6379): no persistence, so a restart comes back empty, as a Redis without RDB/AOF would.

import { keys } from '@gamenight/bus'
import type { Subprocess } from 'bun'
import { createClient } from 'redis'
import { freePort } from './proc.ts'

export type RedisServer = Awaited<ReturnType<typeof startRedisServer>>

export async function startRedisServer(port = freePort()) {
  let proc: Subprocess
  const url = `redis://127.0.0.1:${port}`

  async function spawn() {
    proc = Bun.spawn(
      ['redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdout: 'ignore',
        stderr: 'ignore',
      },
    )
    const deadline = Date.now() + 10_000
    for (;;) {
      const c = createClient({ url, socket: { reconnectStrategy: false, connectTimeout: 500 } })
      c.on('error', () => {})
      try {
        await c.connect()
        await c.ping()
        await c.close()
        return
      } catch {
        if (proc.exitCode !== null) throw new Error(`redis-server on port ${port} exited with ${proc.exitCode}`)
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer`)
        await Bun.sleep(50)
      }
    }
  }

  await spawn()
  return {
    port,
    url,
    /** kill -9 and start again on the same port: every key, stream and group is gone. */
    async restart() {
      proc.kill('SIGKILL')
      await proc.exited
      await spawn()
    },
    /** restart(), after counting the AI turn entries about to be lost (to show the test lost some). */
    async restartAndCount(prefix: string): Promise<number> {
      const c = createClient({ url, socket: { reconnectStrategy: false } })
      c.on('error', () => {})
      await c.connect()
      const n = await c.xLen(keys(prefix).aiTurns)
      await c.close()
      await this.restart()
      return n
    },
    async stop() {
      proc.kill('SIGKILL')
      await proc.exited
    },
  }
}
