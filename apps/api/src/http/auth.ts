// Bearer tokens: issued and checked with libs/db's token rules.
export { hashToken, newToken, sameHash } from '@gamenight/db'

export function bearer(headers: Record<string, string | undefined>): string | null {
  const h = headers.authorization
  if (!h) return null
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h)
  return m ? m[1]! : null
}
