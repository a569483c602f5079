// Per-game secrets kept in localStorage so a refresh or a dropped phone comes back as the same
// player (or host). Keys: `gn:<kind>:<gameId>`. Storage may be unavailable (private mode): then
// everything still works for the life of the tab.
const memory = new Map<string, string>()

function get(key: string): string | null {
  try {
    return localStorage.getItem(key)
  } catch {
    return memory.get(key) ?? null
  }
}
function set(key: string, value: string | null) {
  try {
    if (value === null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    if (value === null) memory.delete(key)
    else memory.set(key, value)
  }
}

export type PlayerSeat = { playerId: string; token: string; name: string }
export type HostSeat = { token: string; viewToken: string }

function json<T>(key: string): T | null {
  const raw = get(key)
  if (!raw) return null
  try {
    return JSON.parse(raw) as T
  } catch {
    return null
  }
}

export const seats = {
  player: (gameId: string) => json<PlayerSeat>(`gn:player:${gameId}`),
  setPlayer: (gameId: string, seat: PlayerSeat | null) => set(`gn:player:${gameId}`, seat && JSON.stringify(seat)),
  host: (gameId: string) => json<HostSeat>(`gn:host:${gameId}`),
  setHost: (gameId: string, seat: HostSeat) => set(`gn:host:${gameId}`, JSON.stringify(seat)),
  forgetHost: (gameId: string) => set(`gn:host:${gameId}`, null),
  wiki: (gameId: string) => get(`gn:wiki:${gameId}`),
  setWiki: (gameId: string, token: string) => set(`gn:wiki:${gameId}`, token),
  lastName: () => get('gn:name') ?? '',
  setLastName: (name: string) => set('gn:name', name),
}
