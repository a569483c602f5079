// Trivia screen helpers over @gamenight/client (which reads the shown clue and the board: see its
// trivia-board.ts and, for the host's flow, trivia-host.ts): how points are written, and the
// host's way of sending a coordination message.
import type { TriviaCoordinationMessage } from '@gamenight/contracts'

/** Sends a coordination message to every screen (`at` is added when sent). */
export type Send = (msg: TriviaCoordinationMessage) => void

/** Points for people: thousands grouped, a true minus sign for negative scores. */
export const fmt = (n: number) => (n < 0 ? `−${Math.abs(n).toLocaleString()}` : n.toLocaleString())
