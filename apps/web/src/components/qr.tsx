// A QR code drawn locally as one SVG path (uqr encodes; nothing leaves the page).

import { useMemo } from 'preact/hooks'
import { encode } from 'uqr'

export function Qr({ text, label }: { text: string; label: string }) {
  const { size, d } = useMemo(() => {
    const qr = encode(text, { ecc: 'M', border: 2 })
    let d = ''
    for (const [y, row] of qr.data.entries()) {
      for (const [x, on] of row.entries()) if (on) d += `M${x} ${y}h1v1h-1z`
    }
    return { size: qr.size, d }
  }, [text])
  return (
    <svg viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  )
}
