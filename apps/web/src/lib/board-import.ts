// Reads a board a host brings: JSON in the api's own shape, or a CSV (spreadsheet export) with the
// columns `round,category,value,question,answer,daily_double`. Round is 1, 2 or `final`. Problems
// are reported by line so a host can fix the sheet; the api validates again on create.
import type { Board, BoardCategory } from '@gamenight/contracts'

export type ImportResult = { ok: true; board: Board; summary: string } | { ok: false; errors: string[] }

const COLUMNS = ['round', 'category', 'value', 'question', 'answer', 'daily_double'] as const
const LIMITS = { categories: 12, questions: 10, text: 1000, name: 100 }

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. Returns rows with their line numbers. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else {
        if (c === '\n') line++
        cell += c
      }
      continue
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (c === ',') {
      cells.push(cell)
      cell = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      cells.push(cell)
      if (cells.some((x) => x.trim() !== '')) rows.push({ line: rowLine, cells })
      cells = []
      cell = ''
      line++
      rowLine = line
    } else cell += c
  }
  cells.push(cell)
  if (cells.some((x) => x.trim() !== '')) rows.push({ line: rowLine, cells })
  return rows
}

const truthy = (s: string) => /^(1|true|yes|y|x|dd|✓)$/i.test(s.trim())

export function boardFromCsv(text: string): ImportResult {
  const rows = parseCsv(text)
  const errors: string[] = []
  if (rows.length === 0) return { ok: false, errors: ['The file is empty.'] }
  let col: Record<(typeof COLUMNS)[number], number> = {
    round: 0,
    category: 1,
    value: 2,
    question: 3,
    answer: 4,
    daily_double: 5,
  }
  const head = rows[0]!.cells.map((c) => c.trim().toLowerCase().replace(/\s+/g, '_'))
  if (head.includes('category') && head.includes('question')) {
    rows.shift()
    const idx = (name: string, ...alts: string[]) =>
      [name, ...alts].map((n) => head.indexOf(n)).find((i) => i >= 0) ?? -1
    col = {
      round: idx('round'),
      category: idx('category'),
      value: idx('value', 'points'),
      question: idx('question', 'prompt', 'clue'),
      answer: idx('answer', 'response'),
      daily_double: idx('daily_double', 'dailydouble', 'dd'),
    }
    for (const need of ['category', 'question', 'answer'] as const)
      if (col[need] < 0) errors.push(`The header has no "${need}" column.`)
    if (errors.length) return { ok: false, errors }
  }
  const cats = new Map<string, BoardCategory>()
  let final: Board['final']
  for (const { line, cells } of rows) {
    const get = (k: keyof typeof col) => (col[k] >= 0 ? (cells[col[k]] ?? '').trim() : '')
    const roundRaw = get('round').toLowerCase() || '1'
    const category = get('category')
    const question = get('question')
    const answer = get('answer')
    const where = `Line ${line}`
    if (!category) errors.push(`${where}: the category is empty.`)
    if (!question) errors.push(`${where}: the question is empty.`)
    if (!answer) errors.push(`${where}: the answer is empty.`)
    if (category.length > LIMITS.name) errors.push(`${where}: the category is longer than ${LIMITS.name} characters.`)
    if (question.length > LIMITS.text || answer.length > LIMITS.text)
      errors.push(`${where}: a question or answer is longer than ${LIMITS.text} characters.`)
    if (roundRaw === 'final' || roundRaw === 'f') {
      if (final) errors.push(`${where}: a second Final question (a board has one).`)
      else if (category && question && answer) final = { category, prompt: question, answer }
      continue
    }
    if (roundRaw !== '1' && roundRaw !== '2') {
      errors.push(`${where}: round must be 1, 2 or final, not "${get('round')}".`)
      continue
    }
    const value = Number(get('value').replace(/[$€£,\s]/g, ''))
    if (!Number.isInteger(value) || value < 0 || value > 1_000_000) {
      errors.push(`${where}: the value must be a whole number of points, not "${get('value')}".`)
      continue
    }
    if (!category || !question || !answer) continue
    const round = Number(roundRaw) as 1 | 2
    const key = `${round}\u0000${category.toLowerCase()}`
    let cat = cats.get(key)
    if (!cat) cats.set(key, (cat = { name: category, round, questions: [] }))
    cat.questions.push({
      value,
      prompt: question,
      answer,
      ...(truthy(get('daily_double')) ? { dailyDouble: true } : {}),
    })
  }
  const categories = [...cats.values()]
  if (categories.length === 0 && errors.length === 0) errors.push('There are no questions for round 1 or 2.')
  if (categories.length > LIMITS.categories)
    errors.push(`A board holds at most ${LIMITS.categories} categories; this one has ${categories.length}.`)
  for (const c of categories) {
    if (c.questions.length > LIMITS.questions)
      errors.push(`"${c.name}" (round ${c.round}) has ${c.questions.length} questions; at most ${LIMITS.questions}.`)
    c.questions.sort((a, b) => a.value - b.value)
  }
  if (errors.length) return { ok: false, errors }
  const board: Board = { categories, ...(final ? { final } : {}) }
  return { ok: true, board, summary: summarize(board) }
}

export function boardFromJson(text: string): ImportResult {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (e) {
    return { ok: false, errors: [`This is not valid JSON: ${(e as Error).message}`] }
  }
  // Accept a bare board or a whole create-game body ({name, board}).
  const board = (
    data && typeof data === 'object' && 'board' in data ? (data as { board: unknown }).board : data
  ) as Board
  const errors: string[] = []
  if (!board || typeof board !== 'object' || !Array.isArray(board.categories)) {
    return {
      ok: false,
      errors: [
        'The JSON needs a "categories" list: {"categories": [{"name", "questions": [{"value", "prompt", "answer"}]}]}.',
      ],
    }
  }
  if (board.categories.length === 0) errors.push('The board has no categories.')
  if (board.categories.length > LIMITS.categories) errors.push(`A board holds at most ${LIMITS.categories} categories.`)
  board.categories.forEach((c, i) => {
    const where = `Category ${i + 1}${c && typeof c.name === 'string' ? ` ("${c.name}")` : ''}`
    if (!c || typeof c.name !== 'string' || !c.name.trim()) errors.push(`${where}: "name" is missing.`)
    if (c?.round !== undefined && c.round !== 1 && c.round !== 2) errors.push(`${where}: "round" must be 1 or 2.`)
    if (!Array.isArray(c?.questions) || c.questions.length === 0) {
      errors.push(`${where}: "questions" must be a non-empty list.`)
      return
    }
    if (c.questions.length > LIMITS.questions) errors.push(`${where}: at most ${LIMITS.questions} questions.`)
    c.questions.forEach((q, j) => {
      if (!q || !Number.isInteger(q.value) || q.value < 0)
        errors.push(`${where}, question ${j + 1}: "value" must be a whole number.`)
      if (!q || typeof q.prompt !== 'string' || !q.prompt.trim())
        errors.push(`${where}, question ${j + 1}: "prompt" is missing.`)
      if (!q || typeof q.answer !== 'string' || !q.answer.trim())
        errors.push(`${where}, question ${j + 1}: "answer" is missing.`)
    })
  })
  if (board.final !== undefined) {
    const f = board.final
    if (!f || typeof f.category !== 'string' || typeof f.prompt !== 'string' || typeof f.answer !== 'string') {
      errors.push('"final" needs "category", "prompt" and "answer".')
    }
  }
  if (errors.length) return { ok: false, errors: errors.slice(0, 20) }
  return { ok: true, board, summary: summarize(board) }
}

export function importBoard(fileName: string, text: string): ImportResult {
  const looksJson = /\.json$/i.test(fileName) || /^\s*[{[]/.test(text)
  return looksJson ? boardFromJson(text) : boardFromCsv(text)
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
