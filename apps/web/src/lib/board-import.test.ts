import { describe, expect, it } from 'bun:test'
import { boardFromCsv, boardFromJson, importBoard, parseCsv } from './board-import.ts'

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

  it('keeps newlines inside quoted cells', () => {
    expect(parseCsv('a,"b\nc",d\ne,f,g').map((r) => r.cells)).toEqual([
      ['a', 'b\nc', 'd'],
      ['e', 'f', 'g'],
    ])
  })
})

describe('JSON board import', () => {
  it('accepts a bare board or a create-game body', () => {
    const board = { categories: [{ name: 'A', questions: [{ value: 100, prompt: 'p', answer: 'a' }] }] }
    expect(boardFromJson(JSON.stringify(board)).ok).toBe(true)
    expect(boardFromJson(JSON.stringify({ name: 'x', board })).ok).toBe(true)
    expect(importBoard('board.txt', JSON.stringify(board)).ok).toBe(true)
  })

  it('says what is missing', () => {
    const r = boardFromJson('{"categories":[{"name":"A","questions":[{"value":"x","prompt":"p"}]}]}')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.errors.join(' ')).toContain('"answer" is missing')
    expect(boardFromJson('{nope').ok).toBe(false)
  })
})
