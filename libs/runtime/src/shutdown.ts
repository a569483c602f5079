// Graceful SIGTERM/SIGINT for every service: run the steps in order (stop taking work, hand back
// what is held, close clients), raced against a deadline so the process is gone well within 10 s.
import type { Logger } from '@gamenight/log'

export type Step = [name: string, run: () => unknown]

export function onShutdown(log: Logger, steps: Step[], deadlineMs = 8000): () => Promise<void> {
  let done: Promise<void> | null = null
  const shutdown = () => {
    done ??= (async () => {
      log.info('shutting down')
      const timer = setTimeout(() => {
        log.warn('shutdown deadline passed; exiting')
        process.exit(1)
      }, deadlineMs)
      for (const [name, run] of steps) {
        try {
          await run()
        } catch (err) {
          log.warn('shutdown step failed', { step: name, err })
        }
      }
      clearTimeout(timer)
      log.info('stopped')
      process.exit(0)
    })()
    return done
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
  return shutdown
}
