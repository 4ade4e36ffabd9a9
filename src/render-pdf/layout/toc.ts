/**
 * The table of contents: for documents with at least `toc_min_sections` headings down to
 * `toc_depth`, one line per heading with its page number and a link to it. Its room is reserved
 * before the body is laid out (one line per entry), and it is drawn once the pages are known.
 */
import type { OutlineEntry } from '../../document.js'
import { resolveNumber, resolveTextStyle, resolveValue } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { contentWidth, withContent, type PdfState } from '../state.js'
import { addSpace, ensureSpace } from './keep.js'
import { headingPlacements } from './page-furniture.js'
import { drawRuns, lineAdvance } from './text.js'
import { drawTextLine, fitTextLine, textLineWidth } from './text-line.js'

/** Where each entry of a reserved table of contents goes. */
export interface TocPlan {
  struct: PDFKit.PDFStructureElement
  entries: { entry: OutlineEntry; page: number; top: number }[]
}

function flatten(entries: OutlineEntry[], depth: number): OutlineEntry[] {
  return entries.flatMap((entry) => (entry.depth <= depth ? [entry, ...flatten(entry.children, depth)] : []))
}

/** Draw the contents title and reserve one line per entry, or do nothing below the threshold. */
export function reserveToc(state: PdfState): TocPlan | undefined {
  const { doc, theme } = state
  const minimum = Number(resolveValue(theme, 'toc', 'min_sections') ?? 0)
  const entries = flatten(state.document.outline, Number(resolveValue(theme, 'toc', 'depth') ?? 2))
  if (minimum <= 0 || entries.length < minimum) return undefined
  const title = resolveTextStyle(theme, 'toc_title')
  // The contents may share page 1 with the title block when its title and a few entries fit there.
  ensureSpace(state, lineAdvance(title) + title.spaceAfter + 4 * lineAdvance(resolveTextStyle(theme, 'toc')))
  withContent(state, 'P', () => drawRuns(state, [{ text: String(resolveValue(theme, 'toc_title', 'content') ?? 'Contents'), family: title.family, bold: title.bold, italic: title.italic }], title, title.color))
  addSpace(state, title.spaceAfter)
  const struct = doc.struct('TOC')
  state.struct.add(struct)
  const plan: TocPlan = { struct, entries: [] }
  for (const entry of entries) {
    const style = resolveTextStyle(theme, 'toc', `h${entry.depth}`)
    addSpace(state, style.spaceBefore)
    if (doc.y + lineAdvance(style) > doc.page.height - doc.page.margins.bottom) doc.addPage()
    plan.entries.push({ entry, page: doc.bufferedPageRange().count - 1, top: doc.y })
    doc.y += lineAdvance(style)
  }
  doc.addPage()
  return plan
}

/** Draw the reserved entries: title, dot leaders (an artifact), page number; the line links to the heading. */
export function drawToc(state: PdfState, plan: TocPlan): void {
  const { doc, theme } = state
  const placements = headingPlacements(state)
  const saved = { x: doc.x, y: doc.y }
  const { start } = doc.bufferedPageRange()
  const indent = resolveNumber(theme, 'toc', 'indent')
  const leaderColor = String(resolveValue(theme, 'toc', 'leader_color') ?? resolveTextStyle(theme, 'toc').color)
  for (const { entry, page, top } of plan.entries) {
    const placement = placements.get(entry.id)
    if (!placement) continue
    doc.switchToPage(start + page)
    const style = resolveTextStyle(theme, 'toc', `h${entry.depth}`)
    const left = doc.page.margins.left + indent * (entry.depth - 1)
    const right = doc.page.margins.left + contentWidth({ ...state, indent: 0 })
    doc.font(fontName(theme, style)).fontSize(style.fontSize).fillColor(style.color)
    const number = String(placement.page + 1)
    const numberWidth = doc.widthOfString(number)
    const gap = doc.widthOfString('  ')
    const text = fitTextLine(state, entry.text, style, right - gap - numberWidth - gap - left)
    const textWidth = textLineWidth(state, text, style)
    const baseline = top + ((doc as unknown as { _font: { ascender: number } })._font.ascender / 1000) * style.fontSize
    const item = doc.struct('TOCI')
    plan.struct.add(item)
    item.add(
      doc.struct('Reference', {}, [
        () => {
          drawTextLine(state, text, style, left, baseline)
          drawTextLine(state, number, style, right - numberWidth, baseline)
        },
      ]),
    )
    item.end()
    // drawTextLine may have left a fallback font selected.
    doc.font(fontName(theme, style)).fontSize(style.fontSize)
    const dotWidth = doc.widthOfString('.')
    const dot = dotWidth * 2.2
    const last = right - numberWidth - gap - dot
    const dots = Math.max(0, Math.ceil((last - (left + textWidth + gap / 2)) / dot))
    doc.markContent('Artifact', { type: 'Layout' }).fillColor(leaderColor)
    // One text run spaced out, not one per dot: a contents page held tens of thousands of operators.
    if (dots > 0) doc.text('.'.repeat(dots), last - (dots - 1) * dot, top, { lineBreak: false, characterSpacing: dot - dotWidth })
    doc.endMarkedContent()
    doc.goTo(left, top, right - left, lineAdvance(style), entry.id)
  }
  plan.struct.end()
  Object.assign(doc, saved)
}
