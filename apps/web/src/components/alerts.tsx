// Errors from the api, in words, where the person is looking; dismissable, announced to screen readers.
import { signal } from '@preact/signals'
import { describe } from '../lib/errors.ts'

export function ErrorNote({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null
  const text = typeof error === 'string' ? error : describe(error)
  return (
    <div class="alert error" role="alert" data-testid="error">
      <span aria-hidden="true">⚠️</span>
      <span class="grow">{text}</span>
      {onClose && (
        <button type="button" class="btn ghost small" onClick={onClose} aria-label="Dismiss">
          ✕
        </button>
      )}
    </div>
  )
}

export function ErrorList({ title, errors }: { title: string; errors: string[] }) {
  if (!errors.length) return null
  return (
    <div class="alert error" role="alert" data-testid="error">
      <span aria-hidden="true">⚠️</span>
      <div class="grow">
        <strong>{title}</strong>
        <ul>
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      </div>
    </div>
  )
}

/** A transient error from an action (a button press): shown at the bottom of the screen for a while. */
const toasts = signal<{ id: number; text: string }[]>([])
let nextId = 1

export function toastError(err: unknown) {
  const id = nextId++
  toasts.value = [...toasts.value, { id, text: describe(err) }].slice(-3)
  setTimeout(() => (toasts.value = toasts.value.filter((t) => t.id !== id)), 7000)
}

export function Toasts() {
  if (!toasts.value.length) return null
  return (
    <div class="toast-host">
      {toasts.value.map((t) => (
        <div class="alert error" role="alert" data-testid="error" key={t.id}>
          <span aria-hidden="true">⚠️</span>
          <span class="grow">{t.text}</span>
          <button
            type="button"
            class="btn ghost small"
            aria-label="Dismiss"
            onClick={() => (toasts.value = toasts.value.filter((x) => x.id !== t.id))}
          >
            ✕
          </button>
        </div>
      ))}
    </div>
  )
}
