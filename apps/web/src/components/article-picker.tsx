// An article title field with suggestions from GET /articles?q= (a combobox: arrows, Enter, Esc).
import { createWikiApi } from '@gamenight/client'
import { useEffect, useRef, useState } from 'preact/hooks'

const api = createWikiApi({ baseUrl: '', retries: 1 })

export function ArticlePicker({
  label,
  value,
  onChange,
  placeholder,
  testId,
}: {
  label: string
  value: string
  onChange: (v: string) => void
  placeholder: string
  testId: string
}) {
  const [results, setResults] = useState<string[]>([])
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const id = useRef(`ap-${Math.random().toString(36).slice(2, 8)}`).current
  useEffect(() => {
    const q = value.trim()
    if (!q || !open) return setResults([])
    let live = true
    const t = setTimeout(async () => {
      const r = await api.searchArticles(q)
      if (live && r.ok) {
        setResults(r.value.results.map((x) => x.title).slice(0, 8))
        setActive(-1)
      }
    }, 120)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [value, open])
  const pick = (t: string) => {
    onChange(t)
    setOpen(false)
  }
  const onKey = (e: KeyboardEvent) => {
    if (!open || !results.length) return
    if (e.key === 'ArrowDown') setActive((a) => Math.min(results.length - 1, a + 1))
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(-1, a - 1))
    else if (e.key === 'Enter' && active >= 0) pick(results[active]!)
    else if (e.key === 'Escape') setOpen(false)
    else return
    e.preventDefault()
  }
  const expanded = open && results.length > 0
  return (
    <label class="field search-box">
      {label}
      <input
        value={value}
        placeholder={placeholder}
        role="combobox"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${id}-${active}` : undefined}
        autoComplete="off"
        data-testid={testId}
        onInput={(e) => {
          onChange(e.currentTarget.value)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKey}
      />
      {expanded && (
        <ul class="suggest" role="listbox" id={`${id}-list`}>
          {results.map((t, i) => (
            <li
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              key={t}
              onMouseDown={(e) => {
                e.preventDefault()
                pick(t)
              }}
            >
              {t}
            </li>
          ))}
        </ul>
      )}
    </label>
  )
}
