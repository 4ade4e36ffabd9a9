/** Page-break decisions made before drawing: keep a block whole, or with what follows it. */
import type { PdfState } from '../state.js'

/** Space left on the current page below the cursor. */
export function spaceLeft(state: PdfState): number {
  const { doc } = state
  return doc.page.height - doc.page.margins.bottom - doc.y
}

/** Start a new page unless `height` fits below the cursor (a block taller than a page starts at the top). */
export function ensureSpace(state: PdfState, height: number): void {
  const { doc } = state
  const atTop = doc.y <= doc.page.margins.top + 0.5
  if (!atTop && height > spaceLeft(state)) doc.addPage()
}

/** Add vertical space, unless at the top of a page, where it would only push content down. */
export function addSpace(state: PdfState, points: number): void {
  const { doc } = state
  if (doc.y <= doc.page.margins.top + 0.5) return
  doc.y = Math.min(doc.y + points, doc.page.height - doc.page.margins.bottom)
}
