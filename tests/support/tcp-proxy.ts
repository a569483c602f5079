// A TCP proxy the test can cut and restore, to make Postgres or Redis "go away" for one service
// without touching the shared servers other tests use. With `delayMs`, every chunk is held that
// long in each direction (in order): a slow link for one phone (the fair buzzer's tests).
import type { Socket, TCPSocketListener } from 'bun'

export type TcpProxy = { port: number; cut(): void; restore(): void; close(): void }

export function tcpProxy(targetHost: string, targetPort: number, opts: { delayMs?: number } = {}): TcpProxy {
  const delayMs = opts.delayMs ?? 0
  // A copy: the runtime may reuse the chunk's memory once the handler returns.
  const later = (write: () => void) => (delayMs > 0 ? setTimeout(write, delayMs) : write())
  type Pair = { client: Socket<Pair>; upstream?: Socket<undefined>; pending: Uint8Array[] }
  const pairs = new Set<Pair>()
  let open = true
  let listener: TCPSocketListener<Pair> | null = null

  const listen = (port = 0) =>
    Bun.listen<Pair>({
      hostname: '127.0.0.1',
      port,
      socket: {
        open(client) {
          const pair: Pair = { client, pending: [] }
          client.data = pair
          pairs.add(pair)
          Bun.connect<undefined>({
            hostname: targetHost,
            port: targetPort,
            socket: {
              open(up) {
                pair.upstream = up
                for (const chunk of pair.pending) up.write(chunk)
                pair.pending = []
              },
              data(_up, chunk) {
                const copy = new Uint8Array(chunk)
                later(() => client.write(copy))
              },
              close() {
                client.end()
              },
              error() {
                client.end()
              },
            },
          }).catch(() => client.end())
        },
        data(client, chunk) {
          const pair = client.data
          const copy = new Uint8Array(chunk)
          later(() => {
            if (pair.upstream) pair.upstream.write(copy)
            else pair.pending.push(copy)
          })
        },
        close(client) {
          client.data?.upstream?.end()
          pairs.delete(client.data)
        },
      },
    })

  listener = listen()
  const port = listener.port
  return {
    port,
    cut() {
      if (!open) return
      open = false
      listener?.stop(true)
      listener = null
      for (const p of pairs) {
        p.client.end()
        p.upstream?.end()
      }
      pairs.clear()
    },
    restore() {
      if (open) return
      open = true
      listener = listen(port)
    },
    close() {
      listener?.stop(true)
      for (const p of pairs) {
        p.client.end()
        p.upstream?.end()
      }
    },
  }
}
