// Create a trivia game: a name and a board (the bundled one, or a CSV / JSON file), then on to the
// host console, where the invite links and QR code are.
import { createTriviaApi } from '@gamenight/client'
import type { Board } from '@gamenight/contracts'
import { useState } from 'preact/hooks'
import { ErrorList, ErrorNote } from '../components/alerts.tsx'
import { Frame } from '../components/frame.tsx'
import { checkCreateSize, type ImportResult, importBoard } from '../lib/board-import.ts'
import { navigate } from '../lib/router.tsx'
import { seats } from '../lib/storage.ts'

const TEMPLATE = `round,category,value,question,answer,daily_double
1,Science,200,This gas makes up about 78% of Earth's atmosphere.,Nitrogen,
1,Science,400,The powerhouse of the cell.,The mitochondrion,yes
2,Music,400,"This Beatles album has a zebra crossing on its cover.",Abbey Road,
final,Capitals,,The capital city of Canada.,Ottawa,
`

export function TriviaNew() {
  document.title = 'New trivia game · Game Night'
  const [name, setName] = useState('Trivia night')
  const [source, setSource] = useState<'sample' | 'file'>('sample')
  const [imported, setImported] = useState<(ImportResult & { file: string }) | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const onFile = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0]
    if (!file) return
    // The api takes at most MAX_GAME_BODY_BYTES of JSON; a CSV several times that cannot fit.
    if (file.size > 4 * 1024 * 1024)
      return setImported({
        ok: false,
        errors: ['That file is larger than 4 MiB; a board is much smaller.'],
        file: file.name,
      })
    setImported({ ...importBoard(file.name, await file.text()), file: file.name })
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    setError(null)
    let board: Board | undefined
    if (source === 'file') {
      if (!imported?.ok) return setError('Choose a CSV or JSON board file first (or use the sample board).')
      board = imported.board
    }
    const size = checkCreateSize(name.trim(), board)
    if (!size.ok) return setError(size.error)
    setBusy(true)
    const r = await createTriviaApi({ baseUrl: '' }).createGame({ name: name.trim(), ...(board ? { board } : {}) })
    setBusy(false)
    if (!r.ok) return setError(r.error)
    seats.setHost(r.value.id, { token: r.value.hostToken, viewToken: r.value.viewToken })
    navigate(`/trivia/${r.value.id}/host`)
  }

  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`
  return (
    <Frame where="New trivia game">
      <div class="page narrow" style="padding:0">
        <form class="card stack" onSubmit={submit} data-testid="create-form">
          <h1>Host a trivia night</h1>
          <label class="field">
            Game name
            <input
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
              required
              maxLength={100}
              autoFocus
              data-testid="game-name"
            />
          </label>
          <fieldset class="stack" style="border:0;padding:0;margin:0">
            <legend class="field" style="font-weight:600;margin-bottom:0.35rem">
              Questions
            </legend>
            <div class="choice">
              <label>
                <input type="radio" name="board" checked={source === 'sample'} onChange={() => setSource('sample')} />
                <span>
                  <strong>Sample board</strong>
                  <span class="muted small">5 categories × 5 questions with a Daily Double</span>
                </span>
              </label>
              <label>
                <input
                  type="radio"
                  name="board"
                  checked={source === 'file'}
                  onChange={() => setSource('file')}
                  data-testid="board-file-choice"
                />
                <span>
                  <strong>My own board</strong>
                  <span class="muted small">a CSV from a spreadsheet, or JSON</span>
                </span>
              </label>
            </div>
          </fieldset>
          {source === 'file' && (
            <div class="stack">
              <label class="field">
                Board file
                <input
                  type="file"
                  accept=".csv,.json,text/csv,application/json"
                  onChange={onFile}
                  data-testid="board-file"
                />
                <span class="hint">
                  CSV columns: <code>round,category,value,question,answer,daily_double</code> — round is 1, 2 or{' '}
                  <code>final</code>.{' '}
                  <a href={templateHref} download="trivia-board.csv">
                    Download a template
                  </a>
                </span>
              </label>
              {imported && !imported.ok && (
                <ErrorList title={`${imported.file} cannot be used:`} errors={imported.errors} />
              )}
              {imported?.ok && (
                <div class="alert ok" role="status" data-testid="import-summary">
                  <span aria-hidden="true">✓</span>
                  <span>
                    <strong>{imported.file}</strong>: {imported.summary}
                  </span>
                </div>
              )}
            </div>
          )}
          <ErrorNote error={error} onClose={() => setError(null)} />
          <button class="btn primary big" type="submit" disabled={busy} data-testid="create-game">
            {busy ? 'Creating…' : 'Create game'}
          </button>
        </form>
      </div>
    </Frame>
  )
}
