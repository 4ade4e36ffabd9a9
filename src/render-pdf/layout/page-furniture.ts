/**
 * Page furniture: the running header and the footer, drawn on every page as pagination artifacts
 * once the whole document is laid out, so that `{pages}` (the total) and `{section}` (the section a
 * page is in) are known. pdfkit buffers the pages for this (`bufferPages`); see README, "Memory".
 */
import type { OutlineEntry } from '../../document.js'
import { resolveTextStyle, resolveValue, type TextStyle } from '../../theme/resolve-style.js'
import type { PdfState } from '../state.js'
import { drawTextLine, fitTextLine, textLineWidth } from './text-line.js'

/** Values a furniture pattern (`header_content`, `footer_content`) may use. */
export interface PatternValues {
  page: number
  pages: number
  title: string
  section: string
}

/** Fill a furniture pattern: `{page}`, `{pages}`, `{title}` and `{section}`. */
export function fillPattern(pattern: string, values: PatternValues): string {
  return pattern.replace(/\{(page|pages|title|section)\}/g, (_, key: keyof PatternValues) => String(values[key]))
}

/** Where a named destination (a heading id) landed: page index from 0, and its distance from the page top. */
export interface Placement {
  page: number
  top: number
}

type PdfInternals = {
  _root: { data: { Names: { data: { Dests: { get(name: string): [unknown, string, number, number] | undefined } } }; Pages: { data: { Kids: unknown[] } } } }
}

/** The page every heading landed on, by id, read back from pdfkit's named destinations. */
export function headingPlacements(state: PdfState): Map<string, Placement> {
  const internals = state.doc as unknown as PdfInternals
  const kids = internals._root.data.Pages.data.Kids
  const placements = new Map<string, Placement>()
  const visit = (entries: OutlineEntry[]) => {
    for (const entry of entries) {
      const destination = internals._root.data.Names.data.Dests.get(entry.id)
      if (destination) placements.set(entry.id, { page: kids.indexOf(destination[0]), top: state.doc.page.height - Number(destination[3]) })
      visit(entry.children)
    }
  }
  visit(state.document.outline)
  return placements
}

/** Text of the section each page is in: the last heading up to `depth` that started on or before it. */
function sectionsByPage(state: PdfState, pageCount: number, depth: number): string[] {
  const placements = headingPlacements(state)
  const marks: { page: number; top: number; text: string }[] = []
  const visit = (entries: OutlineEntry[]) => {
    for (const entry of entries) {
      const placement = placements.get(entry.id)
      if (placement && entry.depth <= depth) marks.push({ ...placement, text: entry.text })
      visit(entry.children)
    }
  }
  visit(state.document.outline)
  marks.sort((a, b) => a.page - b.page || a.top - b.top)
  const sections: string[] = []
  let current = ''
  let next = 0
  for (let page = 0; page < pageCount; page++) {
    // A section starting on this page names it, as in a book's running head.
    let first: string | undefined
    while (next < marks.length && marks[next]!.page === page) {
      first ??= marks[next]!.text
      current = marks[next]!.text
      next++
    }
    sections.push(first ?? current)
  }
  return sections
}

/** Fit text into `width` by dropping words from its end, marking the cut with an ellipsis. */
function drawLine(state: PdfState, style: TextStyle, text: string, baseline: number): void {
  const { doc } = state
  const { margins, width } = doc.page
  const measure = width - margins.left - margins.right
  doc.fillColor(style.color)
  const line = fitTextLine(state, text, style, measure)
  const lineWidth = textLineWidth(state, line, style)
  const offset = style.align === 'right' ? measure - lineWidth : style.align === 'center' ? (measure - lineWidth) / 2 : 0
  doc.markContent('Artifact', { type: 'Pagination' })
  drawTextLine(state, line, style, margins.left + offset, baseline)
  doc.endMarkedContent()
}

/**
 * Draw the header (`header_*`) and footer (`footer_*`) on every page but those in `bare`; the
 * header also leaves out the page that carries the title block, which names the document itself.
 */
export function drawPageFurniture(state: PdfState, bare: { titlePage?: number; titleBlockPage?: number }): void {
  const { doc, theme } = state
  const { start, count } = doc.bufferedPageRange()
  const headerPattern = String(resolveValue(theme, 'header', 'content') ?? '')
  const footerPattern = String(resolveValue(theme, 'footer', 'content') ?? '')
  const header = resolveTextStyle(theme, 'header')
  const footer = resolveTextStyle(theme, 'footer')
  const sections = sectionsByPage(state, count, Number(resolveValue(theme, 'header', 'section_depth') ?? 2))
  const saved = { x: doc.x, y: doc.y }
  for (let index = 0; index < count; index++) {
    if (index === bare.titlePage) continue
    doc.switchToPage(start + index)
    const { margins, height } = doc.page
    const values = { page: index + 1, pages: count, title: state.document.meta.title, section: sections[index] || state.document.meta.title }
    if (headerPattern && index !== bare.titleBlockPage) drawLine(state, header, fillPattern(headerPattern, values), margins.top - header.fontSize * 2)
    if (footerPattern) drawLine(state, footer, fillPattern(footerPattern, values), height - margins.bottom + footer.fontSize * 3)
  }
  Object.assign(doc, saved)
}
