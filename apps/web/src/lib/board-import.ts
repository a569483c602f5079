// Reads a board a host brings: JSON in the api's own shape (checked with the contract's `Board`
// schema), or a CSV from a spreadsheet with the columns `round,category,value,question,answer,
// daily_double` (round is 1, 2 or `final`). CSV is parsed by papaparse: the delimiter (`,` `;` tab)
// is detected, Excel's `sep=` first line is honoured, a BOM and quoted newlines are fine, so a file
// saved by a European-locale Excel (semicolons, CRLF, BOM) imports as it is. Problems name their
// line so a host can fix the sheet; the api validates again on create.
import { Board, encodedSize, MAX_GAME_BODY_BYTES, validate } from '@gamenight/contracts'
import Papa from 'papaparse'

export type ImportResult = { ok: true; board: Board; summary: string } | { ok: false; errors: string[] }

export const COLUMNS = ['round', 'category', 'value', 'question', 'answer', 'daily_double'] as const
type Column = (typeof COLUMNS)[number]
/** Header spellings a spreadsheet may use for each column (compared lower-cased, spaces as `_`). */
const ALIASES: Record<Column, string[]> = {
  round: ['round'],
  category: ['category'],
  value: ['value', 'points'],
  question: ['question', 'prompt', 'clue'],
  answer: ['answer', 'response'],
  daily_double: ['daily_double', 'dailydouble', 'dd'],
}
const MAX_ERRORS = 20
const MAX_POINTS = 1_000_000

/** A CSV row with the 1-based line of the file it starts on (quoted newlines make rows span lines). */
export type CsvRow = { line: number; cells: string[] }
export type CsvParse = { rows: CsvRow[]; delimiter: string; errors: string[] }

/**
 * Parses CSV text with papaparse: delimiter detected among `,` `;` tab unless Excel's `sep=X` first
 * line names it; a leading BOM is dropped; blank lines are skipped. An unclosed quote is reported
 * with the line its field starts on (papaparse would otherwise swallow the rest of the file).
 */
export function parseCsv(text: string): CsvParse {
  let src = text.replace(/^\uFEFF/, '')
  let lineOffset = 0
  let delimiter: string | undefined
  const sep = /^sep=(.)\r?\n/i.exec(src)
  if (sep) {
    delimiter = sep[1]
    src = src.slice(sep[0].length)
    lineOffset = 1
  }
  const lineAt = (index: number) => {
    let n = 1 + lineOffset
    for (let i = 0; i < index && i < src.length; i++) if (src.charCodeAt(i) === 10) n++
    return n
  }
  const rows: CsvRow[] = []
  const errors: string[] = []
  let start = 0
  const result = Papa.parse<string[]>(src, {
    delimiter: delimiter ?? '',
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: 'greedy',
    step: (r) => {
      let at = start
      while (src[at] === '\r' || src[at] === '\n') at++
      const line = lineAt(at)
      start = r.meta.cursor
      rows.push({ line, cells: r.data })
      for (const e of r.errors) {
        if (e.code === 'MissingQuotes') {
          errors.push(
            `Line ${line}: a quote (") opened on this line is never closed, so the rest of the file is one cell.`,
          )
        } else if (e.code === 'InvalidQuotes') {
          errors.push(
            `Line ${line}: a quoted cell has text after its closing quote; write "" for a quote inside a cell.`,
          )
        }
      }
    },
  })
  return { rows, delimiter: delimiter ?? result.meta.delimiter, errors: dedupe(errors) }
}

const truthy = (s: string) => /^(1|true|yes|y|x|dd|✓|ja|oui|sí|si)$/i.test(s.trim())
const headerKey = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '_')
const delimiterName = (d: string) => (d === '\t' ? 'tab' : d === ';' ? 'semicolon' : d === ',' ? 'comma' : `"${d}"`)

/**
 * Points as a spreadsheet may write them: digits with an optional currency sign (`$200`, `200 €`).
 * A thousands or decimal separator (`1.000`, `1,000`, `1 000`) is refused: locales read it
 * differently (1000 or 1), so the sheet must say which.
 */
export function parsePoints(raw: string): { ok: true; value: number } | { ok: false; why: string } {
  const s = raw.trim()
  const m = /^[$€£]?\s*(\d+)\s*[$€£]?$/.exec(s)
  if (m) {
    const value = Number(m[1])
    if (value <= MAX_POINTS) return { ok: true, value }
    return { ok: false, why: `the value ${s} is more than ${MAX_POINTS.toLocaleString('en')} points` }
  }
  if (/^[$€£]?\s*\d{1,3}([.,\s\u00a0\u202f']\d{3})+\s*[$€£]?$/.test(s) || /^\d+[.,]\d+$/.test(s))
    return {
      ok: false,
      why: `the value "${s}" has a separator; write whole points with digits only (1000 or 1, as you mean it)`,
    }
  return { ok: false, why: `the value must be a whole number of points, not "${s}"` }
}

/** Finds the columns from a header row, or null when the row is data (its first cell is a round). */
function readHeader(cells: string[]): Record<Column, number> | null | 'unrecognised' {
  const head = cells.map(headerKey)
  const idx = (c: Column) => ALIASES[c].map((n) => head.indexOf(n)).find((i) => i >= 0) ?? -1
  const col = Object.fromEntries(COLUMNS.map((c) => [c, idx(c)])) as Record<Column, number>
  if (col.category >= 0 && col.question >= 0 && col.answer >= 0) return col
  const first = (cells[0] ?? '').trim().toLowerCase()
  if (/^(1|2|final|f)$/.test(first) && cells.length >= 5) return null
  return 'unrecognised'
}

/** The one message for a first line that is neither a known header nor a data row: its likely cause. */
function headerProblem(row: CsvRow, delimiter: string): string {
  const expected = COLUMNS.join(',')
  const seen = row.cells
    .slice(0, 8)
    .map((c) => `"${c.trim()}"`)
    .join(', ')
  if (row.cells.length === 1) {
    const other = [';', ',', '\t', '|'].find((d) => d !== delimiter && (row.cells[0] ?? '').includes(d))
    return other
      ? `Line ${row.line} is one column: the file seems to be separated by ${delimiterName(other)}s that were not detected. Save it again as CSV, or put "sep=${other}" on a first line of its own.`
      : `Line ${row.line} is one column, so this is probably not a CSV file (export the sheet "as CSV").`
  }
  return `The header on line ${row.line} is not recognised (found ${seen}). Likely cause: the columns are named differently or in another language. The first line must name the columns ${expected} (or be left out, with the columns in that order).`
}

export function boardFromCsv(text: string): ImportResult {
  const parsed = parseCsv(text)
  const { rows } = parsed
  if (rows.length === 0) return { ok: false, errors: ['The file is empty.'] }
  // An unclosed quote garbles everything after it: that one problem is the message.
  if (parsed.errors.length) return { ok: false, errors: parsed.errors }
  let col: Record<Column, number> = { round: 0, category: 1, value: 2, question: 3, answer: 4, daily_double: 5 }
  const header = readHeader(rows[0]!.cells)
  if (header === 'unrecognised') return { ok: false, errors: [headerProblem(rows[0]!, parsed.delimiter)] }
  if (header) {
    col = header
    rows.shift()
  }
  const errors: string[] = []
  const cats = new Map<string, Board['categories'][number]>()
  let final: Board['final']
  for (const { line, cells } of rows) {
    const get = (k: Column) => (col[k] >= 0 ? (cells[col[k]] ?? '').trim() : '')
    const roundRaw = get('round').toLowerCase() || '1'
    const category = get('category')
    const question = get('question')
    const answer = get('answer')
    const where = `Line ${line}`
    if (!category) errors.push(`${where}: the category is empty.`)
    if (!question) errors.push(`${where}: the question is empty.`)
    if (!answer) errors.push(`${where}: the answer is empty.`)
    if (roundRaw === 'final' || roundRaw === 'f') {
      if (final) errors.push(`${where}: a second Final question (a board has one).`)
      else if (category && question && answer) final = { category, prompt: question, answer }
      continue
    }
    if (roundRaw !== '1' && roundRaw !== '2') {
      errors.push(`${where}: round must be 1, 2 or final, not "${get('round')}".`)
      continue
    }
    const points = parsePoints(get('value'))
    if (!points.ok) {
      errors.push(`${where}: ${points.why}.`)
      continue
    }
    if (!category || !question || !answer) continue
    const round = Number(roundRaw) as 1 | 2
    const key = `${round}\u0000${category.toLowerCase()}`
    let cat = cats.get(key)
    if (!cat) cats.set(key, (cat = { name: category, round, questions: [] }))
    cat.questions.push({
      value: points.value,
      prompt: question,
      answer,
      ...(truthy(get('daily_double')) ? { dailyDouble: true } : {}),
    })
  }
  const categories = [...cats.values()]
  for (const c of categories) c.questions.sort((a, b) => a.value - b.value)
  if (categories.length === 0 && errors.length === 0) errors.push('There are no questions for round 1 or 2.')
  if (errors.length) return { ok: false, errors: cap(errors) }
  return checked({ categories, ...(final ? { final } : {}) })
}

export function boardFromJson(text: string): ImportResult {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    return { ok: false, errors: [`This is not valid JSON: ${(e as Error).message}`] }
  }
  // Accept a bare board or a whole create-game body ({name, board}).
  const board = data && typeof data === 'object' && 'board' in data ? (data as { board: unknown }).board : data
  if (!board || typeof board !== 'object' || !Array.isArray((board as { categories?: unknown }).categories)) {
    return {
      ok: false,
      errors: [
        'The JSON needs a "categories" list: {"categories": [{"name", "questions": [{"value", "prompt", "answer"}]}]}.',
      ],
    }
  }
  return checked(board)
}

/** Checks a board with the contract's `Board` schema (the api's own), with paths a host can read. */
function checked(board: unknown): ImportResult {
  const v = validate(Board, board)
  if (!v.ok) return { ok: false, errors: cap(v.issues.map((i) => `${readablePath(i.path, board)}: ${i.message}.`)) }
  return { ok: true, board: v.value, summary: summarize(v.value) }
}

/** `/categories/0/questions/2/value` → `Category 1 ("Science"), question 3, "value"`. */
function readablePath(path: string, board: unknown): string {
  const parts = path.split('/').filter(Boolean)
  const out: string[] = []
  if (parts[0] === 'categories' && parts[1] !== undefined) {
    const i = Number(parts[1])
    const name = (board as { categories: { name?: unknown }[] }).categories[i]?.name
    out.push(`Category ${i + 1}${typeof name === 'string' && name ? ` ("${name}")` : ''}`)
    if (parts[2] === 'questions' && parts[3] !== undefined) {
      out.push(`question ${Number(parts[3]) + 1}`)
      if (parts[4]) out.push(`"${parts[4]}"`)
    } else if (parts[2]) out.push(`"${parts[2]}"`)
  } else if (parts[0] === 'final') out.push(parts[1] ? `The Final's "${parts[1]}"` : 'The Final')
  else if (parts[0] === 'categories') out.push('"categories"')
  else out.push('The board')
  return out.join(', ')
}

/**
 * Whether `POST /api/games` with this name and board fits the api's body limit (MAX_GAME_BODY_BYTES,
 * bytes of UTF-8 JSON); the message says by how much it does not.
 */
export function checkCreateSize(name: string, board: Board | undefined): { ok: true } | { ok: false; error: string } {
  const bytes = encodedSize({ name, ...(board ? { board } : {}) })
  if (bytes <= MAX_GAME_BODY_BYTES) return { ok: true }
  const kib = (n: number) => `${Math.ceil(n / 1024).toLocaleString('en')} KiB`
  return {
    ok: false,
    error: `This board is ${kib(bytes)} as sent, more than the server accepts (${kib(MAX_GAME_BODY_BYTES)}). Shorten some questions or answers, or split it into two games.`,
  }
}

/** Reads a board file: JSON (by name or by its first character) or CSV; the size is checked too. */
export function importBoard(fileName: string, text: string): ImportResult {
  const looksJson = /\.json$/i.test(fileName) || /^\uFEFF?\s*[{[]/.test(text)
  const r = looksJson ? boardFromJson(text) : boardFromCsv(text)
  if (!r.ok) return r
  const size = checkCreateSize('x'.repeat(100), r.board)
  return size.ok ? r : { ok: false, errors: [size.error] }
}

function summarize(b: Board): string {
  const rounds = new Set(b.categories.map((c) => c.round ?? 1))
  const questions = b.categories.reduce((n, c) => n + c.questions.length, 0)
  const dd = b.categories.reduce((n, c) => n + c.questions.filter((q) => q.dailyDouble).length, 0)
  const parts = [
    `${b.categories.length} categories`,
    `${questions} questions`,
    rounds.size > 1 ? '2 rounds' : '1 round',
  ]
  if (dd) parts.push(`${dd} Daily Double${dd > 1 ? 's' : ''}`)
  if (b.final) parts.push('a Final question')
  return parts.join(', ')
}

function cap(errors: string[]): string[] {
  return errors.length > MAX_ERRORS
    ? [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more.`]
    : errors
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)]
}
