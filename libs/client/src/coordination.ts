// Reading the latest coordination messages (`state.last`) with their schemas: a relayed message is
// whatever the sender wrote (the relay forwards it unchecked), so a UI takes one only if it matches
// its schema (contracts relay.ts) and, for the host's screen control, only if the host sent it.
import {
  RelayedClearQuestion,
  type RelayedMessage,
  RelayedSelectQuestion,
  RelayedShowRound,
  validate,
} from '@gamenight/contracts'
import type { Static, TSchema } from '@sinclair/typebox'

/** `msg` typed by `schema`, or null when it is absent or does not match. */
export function relayedAs<S extends TSchema>(schema: S, msg: RelayedMessage | undefined): Static<S> | null {
  if (!msg) return null
  const v = validate(schema, msg)
  return v.ok ? v.value : null
}

type Last = Record<string, RelayedMessage>
const byHost = <T extends { from: { role: string } }>(m: T | null) => (m?.from.role === 'host' ? m : null)

/** The host's latest `select_question`, `clear_question` and `show_round` (null when none or malformed). */
export const hostSelectQuestion = (last: Last) => byHost(relayedAs(RelayedSelectQuestion, last.select_question))
export const hostClearQuestion = (last: Last) => byHost(relayedAs(RelayedClearQuestion, last.clear_question))
export const hostShowRound = (last: Last) => byHost(relayedAs(RelayedShowRound, last.show_round))
