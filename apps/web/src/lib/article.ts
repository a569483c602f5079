// Turns an article's plain text (Wikispeedia's 2007 Schools Wikipedia dump: hard-wrapped, indented
// paragraphs, bare headings) into blocks, and marks the first mention of each linked article so
// the page reads like Wikipedia. Links never mentioned in the text are returned apart.
export type Segment = string | { link: string; text: string }
export type Kind = 'p' | 'h' | 'c' | 'li'
export type Block = { kind: Kind; segments: Segment[] }

const SKIP = [
  /^#copyright$/i,
  /^\d{4} Schools Wikipedia Selection/i,
  /^Retrieved from /i,
  /^Enlarge$/i,
  /^This reference article is mainly selected/i,
]

export function paragraphs(text: string, title: string): { kind: Kind; text: string }[] {
  const out: { kind: Kind; text: string }[] = []
  for (const raw of text.replace(/\r/g, '').split(/\n[ \t]*\n/)) {
    // An image caption reads "caption / Enlarge / caption again": keep it once, as a caption.
    const enlarge = raw.search(/\n[ \t]*Enlarge[ \t]*(\n|$)/)
    if (enlarge >= 0) {
      const caption = raw
        .slice(0, enlarge)
        .replace(/\s*\n\s*/g, ' ')
        .trim()
      if (caption) out.push({ kind: 'c', text: caption })
      continue
    }
    // A bulleted list: "* item" lines, each possibly wrapped.
    if (/^\s*\*\s/.test(raw)) {
      for (const item of raw.split(/\n\s*\*\s+/)) {
        const t = item
          .replace(/^\s*\*\s+/, '')
          .replace(/\s*\n\s*/g, ' ')
          .trim()
        if (t) out.push({ kind: 'li', text: t })
      }
      continue
    }
    const joined = raw.replace(/\s*\n\s*/g, ' ').trim()
    if (!joined || joined === title || SKIP.some((r) => r.test(joined))) continue
    // Headings are flush left, one short line without a final full stop; body text is indented.
    const heading = !/^\s/.test(raw) && !raw.trim().includes('\n') && joined.length < 70 && !/[.:;,]$/.test(joined)
    out.push({ kind: heading ? 'h' : 'p', text: joined })
  }
  // Image captions repeat right after themselves in this dump: drop the second copy.
  return out.filter((p, i) => i === 0 || p.text !== out[i - 1]!.text)
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function linkify(text: string, title: string, links: string[]): { blocks: Block[]; unplaced: string[] } {
  // Each link may be found by its title or by its title without a parenthetical ("Georgia (country)" → "Georgia").
  const alias = new Map<string, string>()
  for (const l of links) {
    alias.set(l.toLowerCase(), l)
    const short = l.replace(/\s*\([^)]*\)$/, '')
    if (short.length > 2 && !alias.has(short.toLowerCase())) alias.set(short.toLowerCase(), l)
  }
  const names = [...alias.keys()].sort((a, b) => b.length - a.length)
  const re = names.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
    : null
  const placed = new Set<string>()
  const blocks: Block[] = paragraphs(text, title).map((p) => {
    if (!re || p.kind === 'h' || p.kind === 'c') return { kind: p.kind, segments: [p.text] }
    const segments: Segment[] = []
    let at = 0
    for (const m of p.text.matchAll(re)) {
      const target = alias.get(m[0].toLowerCase())
      if (!target || placed.has(target)) continue
      placed.add(target)
      if (m.index! > at) segments.push(p.text.slice(at, m.index))
      segments.push({ link: target, text: m[0] })
      at = m.index! + m[0].length
    }
    if (at < p.text.length) segments.push(p.text.slice(at))
    return { kind: p.kind, segments }
  })
  const unplaced = links.filter((l) => !placed.has(l)).sort((a, b) => a.localeCompare(b))
  return { blocks, unplaced }
}
