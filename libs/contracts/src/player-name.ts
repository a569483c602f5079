// Player names (issue 9, rule 6): one normalisation for the server and the web join form, so a
// name is shown, compared and stored the same way everywhere.
//
// Normalised: NFC; control characters (Cc), format characters (Cf: bidi overrides and isolates,
// zero-width space, word joiner, BOM, soft hyphen, ...) and other default-ignorable code points
// (Hangul fillers, ...) removed; whitespace runs (tabs, newlines, U+2028, ...) collapsed to one
// space; trimmed. Kept, because emoji need them: a zero-width joiner between two pictographs
// (👩‍🚀) and a variation selector after a visible character (❤️).
// Compared: the normalised name folded (NFKC, then upper- and lower-cased, which folds ß/SS and
// final sigma), so `alice`, `ALICE` and full-width `Ａｌｉｃｅ` are the same name in one game.

export const PLAYER_NAME_MAX = 40

const PICTO = String.raw`\p{Extended_Pictographic}`
// Every default-ignorable, format or control character except the two emoji cases above.
const INVISIBLE = new RegExp(
  String.raw`(?!(?<=${PICTO}\uFE0F?)\u200D(?=${PICTO}))(?!(?<=[^\p{Default_Ignorable_Code_Point}\p{Cc}\p{Cf}])[\uFE00-\uFE0F])[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}]`,
  'gu',
)
// Line breaks and tabs become spaces before the controls go, so `Ada\nLovelace` keeps its space.
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/gu
const SPACES = /[\s\p{Zs}]+/gu
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u

export type NameResult = { ok: true; name: string; key: string } | { ok: false; message: string }

/**
 * Normalises a player name as typed (see the header). `name` is what is stored and shown, `key`
 * what uniqueness within a game is checked on. Refused (with a message for the person): nothing
 * visible left (only spaces, marks or invisible characters), or longer than PLAYER_NAME_MAX
 * UTF-16 units once normalised.
 */
export function normalisePlayerName(raw: string): NameResult {
  const name = raw.normalize('NFC').replace(BREAKS, ' ').replace(INVISIBLE, '').replace(SPACES, ' ').trim()
  if (!VISIBLE.test(name)) return { ok: false, message: 'the name has no visible characters' }
  if (name.length > PLAYER_NAME_MAX) return { ok: false, message: `at most ${PLAYER_NAME_MAX} characters` }
  return { ok: true, name, key: nameKey(name) }
}

/** The comparison form of a normalised name (see the header). */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFC')
}

/**
 * The first free variant of `name` among `taken` keys: `Alice 2`, `Alice 3`, ... (the base cut so
 * the variant still fits PLAYER_NAME_MAX).
 */
export function suggestName(name: string, taken: ReadonlySet<string>): string {
  const graphemes = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name)].map((g) => g.segment)
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`
    let base = ''
    for (const g of graphemes) {
      if (base.length + g.length + suffix.length > PLAYER_NAME_MAX) break
      base += g
    }
    const candidate = `${base.trimEnd()}${suffix}`
    if (!taken.has(nameKey(candidate))) return candidate
  }
}
