// Container HEALTHCHECK: exits 0 when the service's /readyz answers 200. Run by the service binary
// itself (`BUN_BE_BUN=1 /app/server /app/healthcheck.ts`), so the image needs no curl and no bun.
const port = process.env.PORT ?? '3000'
try {
  const r = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2500) })
  process.exit(r.status === 200 ? 0 : 1)
} catch {
  process.exit(1)
}
