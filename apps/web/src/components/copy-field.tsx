// A link to share: readable, selectable, one click to copy.
import { useState } from 'preact/hooks'

export function CopyField({ label, value, testId }: { label: string; value: string; testId?: string }) {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopied(true)
      setTimeout(() => setCopied(false), 1500)
    } catch {
      // Clipboard needs a secure context; the field is selectable either way.
    }
  }
  return (
    <label class="field">
      {label}
      <span class="copy-field">
        <input
          readOnly
          value={value}
          data-testid={testId}
          onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
        />
        <button type="button" class="btn small" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </span>
    </label>
  )
}
