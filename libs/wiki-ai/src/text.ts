// Text helpers shared by the corpus model and the players: boilerplate stripping and
// tokenisation. Kept dependency-free and deterministic.

const STOP = new Set(
  (
    'a an the and or of to in on at by for from with as is was were be been being are it its this that these those ' +
    'he she they them his her their we our you your i not no but if then than so such also which who whom whose what ' +
    'when where while there here has have had do does did can could may might will would shall should into onto over ' +
    'under about after before between during through per all any each other some most more many much very one two ' +
    's t de la le el du des der die das und'
  ).split(' '),
)

/** Crude stemmer: folds the plurals and a few suffixes so `countries`/`country`, `wars`/`war` meet. */
export function stem(w: string): string {
  if (w.length <= 3) return w
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`
  if (w.endsWith('sses')) return w.slice(0, -2)
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) return w.slice(0, -1)
  return w
}

/** Lower-cased, accent-folded, stemmed word tokens without stop words or pure numbers (years are kept). */
export function tokenize(text: string): string[] {
  const out: string[] = []
  // A scan instead of normalize + matchAll on every text: the worker tokenizes hundreds of ~21 KB
  // articles per cold move, and the copies and match objects were most of its memory churn.
  // Only text with non-ASCII characters needs the accent folding (NFD, combining marks dropped).
  const folded = (NON_ASCII.test(text) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : text).toLowerCase()
  let start = -1
  for (let i = 0; i <= folded.length; i++) {
    const c = i < folded.length ? folded.charCodeAt(i) : 0
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57)
    if (word) {
      if (start < 0) start = i
      continue
    }
    if (start < 0) continue
    const w = folded.slice(start, i)
    start = -1
    if (w.length < 2 || STOP.has(w)) continue
    // Numbers are noise except 3-4 digit ones (years, centuries) which carry topic.
    if (DIGITS.test(w) && !YEAR.test(w)) continue
    out.push(stem(w))
  }
  return out
}

const NON_ASCII = /[\u0080-\uffff]/
const DIGITS = /^\d+$/
const YEAR = /^[1-9]\d{2,3}$/

export interface ArticleParts {
  /** "Related subjects" categories, e.g. ["British History 1500 and before ...", "Historical figures"]. */
  subjects: string[]
  /** Body without the copyright header, title line, subjects line and licence footer. */
  body: string
}

const FOOTER = 'Retrieved from'
const LICENCE = 'This reference article is mainly selected'

/** Splits an article text into its subject line and body (see data README for the layout). */
export function splitArticle(text: string): ArticleParts {
  let body = text
  let subjects: string[] = []
  const rs = body.indexOf('Related subjects:')
  if (rs >= 0 && rs < 600) {
    const end = body.indexOf('\n\n', rs)
    const line = body.slice(rs + 'Related subjects:'.length, end < 0 ? undefined : end)
    subjects = line
      .replace(/\s+/g, ' ')
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
    body = end < 0 ? '' : body.slice(end)
  }
  for (const marker of [FOOTER, LICENCE]) {
    const i = body.lastIndexOf(marker)
    if (i > body.length * 0.5) body = body.slice(0, i)
  }
  return { subjects, body }
}
