// HTTP/1.1 over a bare TCP socket, for framings fetch cannot produce or observe: `Expect:
// 100-continue` (headers first, body only if asked), chunked uploads, and a response that arrives
// while the body is still being sent.
import net from 'node:net'

export type RawReply = {
  status: number
  headers: Record<string, string>
  body: string
  /** Interim (1xx) status lines seen before the final response. */
  interim: number[]
  /** Body bytes written before the final response arrived. */
  bodyBytesSent: number
}

/**
 * Sends `head` (request line and headers, without the blank line), then `body` in `chunkBytes`
 * pieces (as chunked transfer coding when `chunked`), stopping as soon as the final response is
 * complete. Interim responses (100 Continue) are recorded and skipped.
 */
export function rawRequest(
  url: string,
  head: string,
  body: Uint8Array,
  opts: { chunked?: boolean; chunkBytes?: number; timeoutMs?: number } = {},
): Promise<RawReply> {
  const { hostname, port } = new URL(url)
  const chunkBytes = opts.chunkBytes ?? 64 * 1024
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname)
    let buf = Buffer.alloc(0)
    let sent = 0
    let done = false
    const interim: number[] = []
    const timer = setTimeout(
      () => finish(new Error(`no complete response in ${opts.timeoutMs ?? 15000} ms`)),
      opts.timeoutMs ?? 15000,
    )
    const finish = (err: Error | null, reply?: RawReply) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      if (err) reject(err)
      else resolve(reply!)
    }
    socket.on('error', (err) => finish(err))
    socket.on('close', () => finish(new Error(`closed before a complete response: ${buf.toString().slice(0, 200)}`)))
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d])
      for (;;) {
        const end = buf.indexOf('\r\n\r\n')
        if (end < 0) return
        const lines = buf.subarray(0, end).toString('latin1').split('\r\n')
        const status = Number(lines[0]!.split(' ')[1])
        const headers = Object.fromEntries(
          lines
            .slice(1)
            .map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        )
        if (status >= 100 && status < 200) {
          interim.push(status)
          buf = buf.subarray(end + 4)
          continue
        }
        const length = Number(headers['content-length'] ?? NaN)
        if (!Number.isFinite(length)) return finish(new Error(`no content-length in ${lines.join(' | ')}`))
        if (buf.length < end + 4 + length) return
        const text = buf.subarray(end + 4, end + 4 + length).toString('utf8')
        return finish(null, { status, headers, body: text, interim, bodyBytesSent: sent })
      }
    })
    socket.on('connect', async () => {
      socket.write(`${head}\r\n\r\n`)
      for (let at = 0; at < body.length && !done; at += chunkBytes) {
        const piece = body.subarray(at, at + chunkBytes)
        const ok = opts.chunked
          ? socket.write(`${piece.length.toString(16)}\r\n`) && socket.write(piece) && socket.write('\r\n')
          : socket.write(piece)
        sent += piece.length
        if (!ok) await new Promise((r) => socket.once('drain', r))
        await Bun.sleep(1)
      }
      if (opts.chunked && !done) socket.write('0\r\n\r\n')
    })
  })
}
