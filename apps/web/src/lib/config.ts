// Where the relay is: the api serves /config.json from PUBLIC_RELAY_URL ('' = this origin, ':3001'
// = this host on port 3001, or a full ws(s):// URL). Loaded once before the first render.
let relay = ''

export async function loadConfig(): Promise<void> {
  let setting = ':3001'
  try {
    const r = await fetch('/config.json')
    if (r.ok) setting = ((await r.json()) as { relayUrl?: string }).relayUrl ?? setting
  } catch {
    // The api is unreachable: the screens say so on their first call.
  }
  relay = resolveRelay(setting, location)
}

export const relayUrlNow = () => relay

export function resolveRelay(setting: string, loc: { protocol: string; host: string; hostname: string }): string {
  const ws = loc.protocol === 'https:' ? 'wss:' : 'ws:'
  if (setting === '') return `${ws}//${loc.host}`
  if (setting.startsWith(':')) return `${ws}//${loc.hostname}${setting}`
  return setting.replace(/^http/, 'ws').replace(/\/$/, '')
}
