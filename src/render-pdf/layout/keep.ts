/** Page-break decisions made before drawing: keep a block whole, or with what follows it. */
import type { PdfState } from '../state.js'

/** Space left on the current page below the cursor. */
export function spaceLeft(state: PdfState): number {
  const { doc } = state
  return doc.page.height - doc.page.margins.bottom - doc.y
}

/** Whether the cursor stands at the top of a page (within half a point). */
export function atPageTop(state: PdfState): boolean {
  return state.doc.y <= state.doc.page.margins.top + 0.5
}

/** Start a new page unless `height` fits below the cursor (a block taller than a page starts at the top). */
export function ensureSpace(state: PdfState, height: number): void {
  if (!atPageTop(state) && height > spaceLeft(state)) state.doc.addPage()
}

/** Add vertical space, unless at the top of a page, where it would only push content down. */
export function addSpace(state: PdfState, points: number): void {
  const { doc } = state
  if (atPageTop(state)) return
  doc.y = Math.min(doc.y + points, doc.page.height - doc.page.margins.bottom)
}

/** How many lines of a block must stay together at a page's bottom (orphans) and top (widows). */
export interface LineKeep {
  orphans: number
  widows: number
}

/**
 * Indexes of the lines that start a new page when `count` lines are set with `firstCapacity` lines
 * free on this page and `pageCapacity` on each later one; an index 0 moves the whole block on. No page
 * ends with fewer than `orphans` lines of the block or starts with fewer than `widows`, unless a page
 * cannot hold even that much.
 */
export function planLineBreaks(count: number, firstCapacity: number, pageCapacity: number, keep: LineKeep): number[] {
  const breaks: number[] = []
  let start = 0
  let capacity = Math.max(0, firstCapacity)
  const fullPage = Math.max(1, pageCapacity)
  while (count - start > capacity) {
    let take = capacity
    if (count - start - take < keep.widows) take = count - start - keep.widows
    if (take < keep.orphans) take = 0
    // A page that holds too few lines to keep anything together still takes what it can.
    if (take <= 0 && capacity === fullPage) take = capacity
    start += Math.max(0, take)
    breaks.push(start)
    capacity = fullPage
  }
  return breaks
}
