// Article titles in two forms. The data set names articles URL-encoded (`Georgia_%28country%29`);
// people and the API read them decoded with spaces (`Georgia (country)`). Clients may send either
// form, with spaces or underscores, encoded once, twice or not at all; `readingTitle` maps all of
// them to the one reading form used as the key everywhere outside the loader.

/** Any spelling of a title → its reading form (decoded, spaces, trimmed, single spaces). */
export function readingTitle(input: string): string {
  let s = input
  // Decode at most twice: a client may percent-encode the already-encoded name for a URL path.
  // No title of the data set contains a literal `%`, so decoding never corrupts a real title.
  for (let i = 0; i < 2 && /%[0-9A-Fa-f]{2}/.test(s); i++) {
    try {
      s = decodeURIComponent(s)
    } catch {
      break
    }
  }
  return s.replace(/_/g, ' ').replace(/\s+/g, ' ').trim()
}

/** Reading form → the data set's encoded name (spaces as `_`; only `A-Z a-z 0-9 - . _` literal). */
export function encodedName(title: string): string {
  let out = ''
  for (const byte of new TextEncoder().encode(readingTitle(title).replace(/ /g, '_'))) {
    const c = String.fromCharCode(byte)
    out += /[A-Za-z0-9\-._]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/**
 * The title as an article's own plain text writes it (the line after `#copyright`), e.g. `AC/DC` for
 * the data set's `AC_DC`; null when the text has no such line. Used as an alias for lookups.
 */
export function writtenTitle(plainText: string): string | null {
  const lines = plainText.split('\n', 8).map((l) => l.trim())
  const i = lines.indexOf('#copyright')
  const title = i < 0 ? undefined : lines.slice(i + 1).find((l) => l !== '')
  return title ? title.replace(/\s+/g, ' ') : null
}
