// Prometheus metrics of one relay replica (prom-client, served at /metrics with the process
// metrics): sockets, rooms, deliveries, drops, the games it follows and how far behind publishing it is. The
// relay counts in plain numbers on its hot path (relay.counters); these read them at scrape time.
import type { GameChannels } from '@gamenight/bus'
import { counterOf, createRegistry, gaugeOf, type Registry } from '@gamenight/runtime'
import type { Relay } from './relay.ts'

const P = 'gamenight_relay_'

export function createRelayMetrics(relay: Relay, channels: GameChannels): Registry {
  const r = createRegistry()
  const c = relay.counters
  gaugeOf(r, { name: `${P}sockets`, help: 'Open WebSocket connections on this replica', read: () => relay.sockets })
  gaugeOf(r, { name: `${P}rooms`, help: 'Rooms (games) with someone on this replica', read: () => relay.rooms })
  counterOf(r, { name: `${P}sockets_opened_total`, help: 'WebSocket connections opened', read: () => c.opened })
  counterOf(r, { name: `${P}sockets_closed_total`, help: 'WebSocket connections closed', read: () => c.closed })
  counterOf(r, {
    name: `${P}messages_relayed_total`,
    help: 'Coordination messages accepted from clients and relayed',
    read: () => c.relayed,
  })
  counterOf(r, {
    name: `${P}events_delivered_total`,
    help: 'Game events from the stream sent to a room on this replica',
    read: () => c.events,
  })
  counterOf(r, {
    name: `${P}deliveries_total`,
    help: "Socket deliveries: each relayed message or event times the room's sockets on this replica",
    read: () => c.deliveries,
  })
  counterOf(r, {
    name: `${P}drops_total`,
    help: 'Messages refused (rate_limited, invalid) and sockets dropped with 1006 (abnormal_close: mostly slow readers)',
    label: 'reason',
    read: () => ({ rate_limited: c.refused, invalid: c.invalid, abnormal_close: c.abnormalCloses }),
  })
  gaugeOf(r, {
    name: `${P}games_followed`,
    help: 'Games whose shard channel this replica follows (the games it holds sockets for)',
    read: () => channels.size,
  })
  counterOf(r, {
    name: `${P}stream_entries_read_total`,
    help: "Game events received (from the games' channels or repaired from their backlogs)",
    read: () => channels.counters.events,
  })
  counterOf(r, {
    name: `${P}stream_entries_repaired_total`,
    help: 'Game events pub/sub did not bring, read from the backlog instead (at follow, or by the backlog check)',
    read: () => channels.counters.repaired,
  })
  counterOf(r, {
    name: `${P}stream_entries_skipped_total`,
    help: 'Channel messages skipped: not a frame',
    read: () => channels.counters.skipped,
  })
  gaugeOf(r, {
    name: `${P}stream_lag_seconds`,
    help: 'At the last event received: seconds from its XADD to its receipt here',
    read: () => channels.lagMs / 1000,
  })
  return r
}
