/**
 * The table of contents: for documents with at least `toc_min_sections` headings down to
 * `toc_depth`, one entry per heading with its page number and a link to it. A long heading wraps
 * (over up to five lines: the contents are where a reader looks a chapter up), its number and dot
 * leaders on its last line. Its room is reserved before the body is laid out, room for a four-digit page
 * number included, and it is drawn once the pages are known.
 */
import type { OutlineEntry } from '../../document.js'
import { resolveNumber, resolveTextStyle, resolveValue, type TextStyle } from '../../theme/resolve-style.js'
import { contentsTitle } from '../../labels.js'
import { fontName } from '../fonts.js'
import { markDirection } from '../inline/bidi.js'
import { contentWidth, withContent, type PdfState } from '../state.js'
import { addSpace, ensureSpace } from './keep.js'
import { headingPlacements } from './page-furniture.js'
import { drawRuns, lineAdvance } from './text.js'
import { drawTextLine, fitTextLine, textLineWidth, wrapTextLine } from './text-line.js'

/** Where each entry of a reserved table of contents goes. */
export interface TocPlan {
  struct: PDFKit.PDFStructureElement
  entries: { entry: OutlineEntry; lines: string[]; page: number; top: number }[]
}

/** The left and right edges of an entry and the room its text wraps in (leaving the page number and gaps); selects the entry's font, which the caller measures with. */
function entryBox(state: PdfState, entry: OutlineEntry, style: TextStyle): { left: number; right: number; gap: number; textWidth: number } {
  const { doc, theme } = state
  const left = doc.page.margins.left + resolveNumber(theme, 'toc', 'indent') * (entry.depth - 1)
  const right = doc.page.margins.left + contentWidth({ ...state, indent: 0 })
  doc.font(fontName(theme, style)).fontSize(style.fontSize)
  const gap = doc.widthOfString('  ')
  return { left, right, gap, textWidth: right - left - gap - doc.widthOfString('0000') - gap }
}

function flatten(entries: OutlineEntry[], depth: number): OutlineEntry[] {
  return entries.flatMap((entry) => (entry.depth <= depth ? [entry, ...flatten(entry.children, depth)] : []))
}

/** Most lines an entry takes: a heading longer than this (a hostile one of 10,000 characters) ends in `…` there. */
const MAX_ENTRY_LINES = 5

/** The entry's text in lines that fit beside its page number. */
function entryLines(state: PdfState, entry: OutlineEntry, style: TextStyle): string[] {
  const width = entryBox(state, entry, style).textWidth
  const lines = wrapTextLine(state, entry.text, style, width)
  if (lines.length <= MAX_ENTRY_LINES) return lines
  return [...lines.slice(0, MAX_ENTRY_LINES - 1), fitTextLine(state, lines.slice(MAX_ENTRY_LINES - 1).join(' '), style, width)]
}

/** Draw the contents title and reserve one line per entry, or do nothing below the threshold. */
export function reserveToc(state: PdfState): TocPlan | undefined {
  const { doc, theme } = state
  const { meta } = state.document
  const entries = flatten(state.document.outline, meta.tocDepth ?? Number(resolveValue(theme, 'toc', 'depth') ?? 2))
  // The document's `toc` key overrides the theme's threshold either way.
  const minimum = meta.toc === true ? 1 : meta.toc === false ? 0 : Number(resolveValue(theme, 'toc', 'min_sections') ?? 0)
  if (minimum <= 0 || entries.length < minimum) return undefined
  const title = resolveTextStyle(theme, 'toc_title')
  // The contents may share page 1 with the title block when its title and a few entries fit there.
  ensureSpace(state, lineAdvance(title) + title.spaceAfter + 4 * lineAdvance(resolveTextStyle(theme, 'toc')))
  withContent(state, 'P', () => drawRuns(state, markDirection([{ text: contentsTitle(theme, state.document.meta.lang), family: title.family, bold: title.bold, italic: title.italic }]), title, title.color))
  addSpace(state, title.spaceAfter)
  const struct = doc.struct('TOC')
  state.struct.add(struct)
  const plan: TocPlan = { struct, entries: [] }
  for (const entry of entries) {
    const style = resolveTextStyle(theme, 'toc', `h${entry.depth}`)
    const lines = entryLines(state, entry, style)
    addSpace(state, style.spaceBefore)
    // An entry is kept on one page.
    if (doc.y + lines.length * lineAdvance(style) > doc.page.height - doc.page.margins.bottom) doc.addPage()
    plan.entries.push({ entry, lines, page: doc.bufferedPageRange().count - 1, top: doc.y })
    doc.y += lines.length * lineAdvance(style)
  }
  doc.addPage()
  return plan
}

/** Dot leaders (an artifact) from `from` to `to` on the line at `top`, in one spaced-out text run. */
function drawLeaders(state: PdfState, style: TextStyle, color: string, from: number, to: number, top: number): void {
  const { doc, theme } = state
  // drawTextLine may have left a fallback font selected.
  doc.font(fontName(theme, style)).fontSize(style.fontSize)
  const dotWidth = doc.widthOfString('.')
  const dot = dotWidth * 2.2
  const last = to - dot
  const dots = Math.max(0, Math.ceil((last - from) / dot))
  doc.markContent('Artifact', { type: 'Layout' }).fillColor(color)
  // One text run spaced out, not one per dot: a contents page held tens of thousands of operators.
  if (dots > 0) doc.text('.'.repeat(dots), last - (dots - 1) * dot, top, { lineBreak: false, characterSpacing: dot - dotWidth })
  doc.endMarkedContent()
}

/** Draw the reserved entries: title, dot leaders (an artifact), page number; the line links to the heading. */
export function drawToc(state: PdfState, plan: TocPlan): void {
  const { doc, theme } = state
  const placements = headingPlacements(state)
  const saved = { x: doc.x, y: doc.y }
  const { start } = doc.bufferedPageRange()
  const leaderColor = String(resolveValue(theme, 'toc', 'leader_color') ?? resolveTextStyle(theme, 'toc').color)
  for (const { entry, lines, page, top } of plan.entries) {
    const placement = placements.get(entry.id)
    if (!placement) continue
    doc.switchToPage(start + page)
    const style = resolveTextStyle(theme, 'toc', `h${entry.depth}`)
    const { left, right, gap } = entryBox(state, entry, style)
    // The leaders of the entry before left their color.
    doc.fillColor(style.color)
    const number = String(placement.page + 1)
    const numberWidth = doc.widthOfString(number)
    const advance = lineAdvance(style)
    const baseline = top + ((doc as unknown as { _font: { ascender: number } })._font.ascender / 1000) * style.fontSize
    const last = lines.length - 1
    const item = doc.struct('TOCI')
    plan.struct.add(item)
    item.add(
      doc.struct('Reference', {}, [
        () => {
          lines.forEach((line, index) => drawTextLine(state, line, style, left, baseline + index * advance))
          drawTextLine(state, number, style, right - numberWidth, baseline + last * advance)
        },
      ]),
    )
    item.end()
    drawLeaders(state, style, leaderColor, left + textLineWidth(state, lines[last] ?? '', style) + gap / 2, right - numberWidth - gap, top + last * advance)
    doc.goTo(left, top, right - left, lines.length * advance, entry.id)
  }
  plan.struct.end()
  Object.assign(doc, saved)
}
