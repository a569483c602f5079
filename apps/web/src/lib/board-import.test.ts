import { describe, expect, it } from 'bun:test'
import { join } from 'node:path'
import { MAX_GAME_BODY_BYTES } from '@gamenight/contracts'
import { boardFromCsv, boardFromJson, checkCreateSize, importBoard, parseCsv, parsePoints } from './board-import.ts'

const fixture = (name: string) => Bun.file(join(import.meta.dir, 'fixtures', name)).text()
const errorsOf = (r: ReturnType<typeof importBoard>) => (r.ok ? [] : r.errors)

describe('CSV board import', () => {
  it('groups rows into categories per round, sorts by value and reads the Final', () => {
    const csv = [
      'round,category,value,question,answer,daily_double',
      '1,Science,400,"The powerhouse of the cell, they say",Mitochondrion,',
      '1,Science,200,Gas making up 78% of air,Nitrogen,no',
      '2,Maps,800,"A ""quoted"" clue",Answer,yes',
      'final,Capitals,,Capital of Canada,Ottawa,',
    ].join('\r\n')
    const r = boardFromCsv(csv)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.board.categories).toEqual([
      {
        name: 'Science',
        round: 1,
        questions: [
          { value: 200, prompt: 'Gas making up 78% of air', answer: 'Nitrogen' },
          { value: 400, prompt: 'The powerhouse of the cell, they say', answer: 'Mitochondrion' },
        ],
      },
      {
        name: 'Maps',
        round: 2,
        questions: [{ value: 800, prompt: 'A "quoted" clue', answer: 'Answer', dailyDouble: true }],
      },
    ])
    expect(r.board.final).toEqual({ category: 'Capitals', prompt: 'Capital of Canada', answer: 'Ottawa' })
    expect(r.summary).toContain('2 rounds')
  })

  it('imports a European-locale Excel file as saved: semicolons, CRLF, a BOM and a quoted newline', async () => {
    const r = importBoard('quiz.csv', await fixture('excel-de.csv'))
    expect(errorsOf(r)).toEqual([])
    if (!r.ok) return
    const geo = r.board.categories.find((c) => c.name === 'Geografie')!
    expect(geo.round).toBe(1)
    expect(geo.questions.map((q) => q.value)).toEqual([200, 400])
    expect(geo.questions[0]!.prompt).toBe('Hauptstadt von Österreich')
    expect(geo.questions[1]).toEqual({
      value: 400,
      prompt: 'Längster Fluss\r\nEuropas; sagt man',
      answer: 'Wolga',
      dailyDouble: true,
    })
    expect(r.board.categories.find((c) => c.name === 'Küche')!.questions[0]!.prompt).toBe(
      'Ein "Wiener" Schnitzel ist aus…',
    )
    expect(r.board.categories.find((c) => c.name === 'Musik')!.round).toBe(2)
    expect(r.board.final).toEqual({ category: 'Sprache', prompt: 'Wie viele Fälle hat das Deutsche?', answer: 'Vier' })
  })

  it("honours Excel's sep= first line and counts it in line numbers", async () => {
    const text = await fixture('excel-sep-line.csv')
    expect(parseCsv(text).delimiter).toBe(';')
    expect(parseCsv(text).rows[0]!.line).toBe(2)
    const r = importBoard('sheet.csv', text)
    expect(r.ok && r.board.categories[0]!.questions[0]!.answer).toBe('Nitrogen')
    const bad = importBoard('sheet.csv', `${text}1;Science;lots;q;a;\r\n`)
    expect(errorsOf(bad)).toEqual(['Line 4: the value must be a whole number of points, not "lots".'])
  })

  it('detects a tab-separated file', async () => {
    const r = importBoard('board.tsv', await fixture('tabs.tsv'))
    expect(r.ok && r.board.categories[0]!.questions.map((q) => [q.value, !!q.dailyDouble])).toEqual([
      [200, false],
      [400, true],
    ])
  })

  it('refuses 1.000 with its line instead of reading it as 1', async () => {
    const r = importBoard('thousands.csv', await fixture('thousands.csv'))
    expect(errorsOf(r)).toEqual([
      'Line 3: the value "1.000" has a separator; write whole points with digits only (1000 or 1, as you mean it).',
    ])
    for (const s of ['1,000', '1 000', '2.5', '1.000.000']) expect(parsePoints(s).ok).toBe(false)
    expect(parsePoints('$200')).toEqual({ ok: true, value: 200 })
    expect(parsePoints('200 €')).toEqual({ ok: true, value: 200 })
  })

  it('gives one message naming the likely cause for an unrecognised header', async () => {
    const r = importBoard('fragen.csv', await fixture('german-header.csv'))
    const errors = errorsOf(r)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('header on line 1 is not recognised')
    expect(errors[0]).toContain('"runde"')
    expect(errors[0]).toContain('another language')
    expect(errors[0]).toContain('round,category,value,question,answer,daily_double')
  })

  it('names an undetected separator when every line is one column', () => {
    const errors = errorsOf(importBoard('x.csv', 'round|category|value|question|answer\n1|A|100|q|a\n'))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain('separated by "|"s')
  })

  it('names the line of an unclosed quote', async () => {
    const r = importBoard('bad.csv', await fixture('unclosed-quote.csv'))
    expect(errorsOf(r)).toEqual([
      'Line 2: a quote (") opened on this line is never closed, so the rest of the file is one cell.',
    ])
  })

  it('works without a header row, in column order', () => {
    const r = boardFromCsv('1,History,200,Year the Berlin Wall fell,1989,\n')
    expect(r.ok && r.board.categories[0]?.questions[0]?.answer).toBe('1989')
  })

  it('reports every bad line by number', () => {
    const r = boardFromCsv('round,category,value,question,answer\n3,A,100,q,a\n1,B,lots,q,a\n1,C,100,,a\n')
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors.join('\n')).toContain('Line 2: round must be 1, 2 or final')
    expect(r.errors.join('\n')).toContain('Line 3: the value must be a whole number')
    expect(r.errors.join('\n')).toContain('Line 4: the question is empty')
  })

  it('keeps newlines inside quoted cells and numbers rows by the line they start on', () => {
    const { rows } = parseCsv('a,"b\nc",d\n\ne,f,g')
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b\nc', 'd'] },
      { line: 4, cells: ['e', 'f', 'g'] },
    ])
  })

  it('checks the result with the Board schema (13 categories are too many)', () => {
    const lines = Array.from({ length: 13 }, (_, i) => `1,Cat ${i},100,q,a,`)
    expect(errorsOf(boardFromCsv(lines.join('\n'))).join(' ')).toContain('"categories"')
  })
})

describe('JSON board import', () => {
  it('accepts a bare board or a create-game body', () => {
    const board = { categories: [{ name: 'A', questions: [{ value: 100, prompt: 'p', answer: 'a' }] }] }
    expect(boardFromJson(JSON.stringify(board)).ok).toBe(true)
    expect(boardFromJson(JSON.stringify({ name: 'x', board })).ok).toBe(true)
    expect(importBoard('board.txt', JSON.stringify(board)).ok).toBe(true)
  })

  it("says what is wrong, by the contract's Board schema, with readable places", () => {
    const r = boardFromJson('{"categories":[{"name":"A","questions":[{"value":"x","prompt":"p"}]}]}')
    const text = errorsOf(r).join('\n')
    expect(text).toContain('Category 1 ("A"), question 1, "answer"')
    expect(text).toContain('Category 1 ("A"), question 1, "value"')
    expect(errorsOf(boardFromJson('{"categories":[{"name":"A","round":3,"questions":[]}]}')).join(' ')).toContain(
      '"round"',
    )
    expect(boardFromJson('{nope').ok).toBe(false)
  })
})

describe('size before Create', () => {
  it("refuses a board whose encoded body is over the api's limit, counting bytes as the api does", () => {
    const boardOf = (prompt: string, answer: string) => ({
      categories: Array.from({ length: 12 }, (_, i) => ({
        name: `C${i}`,
        questions: Array.from({ length: 10 }, () => ({ value: 100, prompt, answer })),
      })),
    })
    // The schema's largest board in a 3-byte script fits (about 720 KB of UTF-8).
    expect(checkCreateSize('Trivia', boardOf('漢'.repeat(1000), '漢'.repeat(1000))).ok).toBe(true)
    // Control characters are escaped in JSON (6 bytes each): a schema-valid board that does not fit.
    const r = checkCreateSize('Trivia', boardOf('\u0001'.repeat(1000), '漢'.repeat(1000)))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContain(`(${MAX_GAME_BODY_BYTES / 1024} KiB)`)
    expect(importBoard('big.json', JSON.stringify(boardOf('\u0001'.repeat(1000), '\u0001'.repeat(1000)))).ok).toBe(
      false,
    )
  })
})
