// The text of one message on a game's shard channel (keys.gameChannel):
// `${origin}\n${kind}\n${type}\n${payload}`. `origin` is the relay replica that sent it (`-` for the
// api's events), so a replica drops its own frames (it delivered them locally already). `kind`:
// `e` a committed event (`type` = its backlog entry id), `m` a relayed coordination message
// (`type` = its message type), `p` a presence snapshot (`type` empty).
export type FrameKind = 'e' | 'm' | 'p'
export type Frame = { origin: string; kind: FrameKind; type: string; payload: string }

/** The origin of the api's events. */
export const EVENT_ORIGIN = '-'

export const frameHeader = (origin: string, kind: FrameKind, type: string) => `${origin}\n${kind}\n${type}\n`

/** The frame in `raw`, or null when it is not one (a foreign publisher). */
export function parseFrame(raw: string): Frame | null {
  const a = raw.indexOf('\n')
  const b = raw.indexOf('\n', a + 1)
  const c = raw.indexOf('\n', b + 1)
  if (a < 0 || b < 0 || c < 0) return null
  const kind = raw.slice(a + 1, b)
  if (kind !== 'e' && kind !== 'm' && kind !== 'p') return null
  return { origin: raw.slice(0, a), kind, type: raw.slice(b + 1, c), payload: raw.slice(c + 1) }
}

/** Orders two stream entry ids (`ms-n`): negative when a is older. */
export function compareEntryIds(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('-').map(Number)
  const [bm = 0, bn = 0] = b.split('-').map(Number)
  return am - bm || an - bn
}
