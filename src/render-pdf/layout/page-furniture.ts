/** Page furniture: the footer (page number) drawn on every page as an artifact, never as content. */
import { resolveTextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import type { PdfState } from '../state.js'

type PdfInternals = PDFKit.PDFDocument & { _wrapper: unknown; _textOptions: unknown; _font: unknown; _fontSize: number }

/** Fill a furniture pattern (`footer_content`): `{page}` and `{title}`. */
export function fillPattern(pattern: string, values: { page: number; title: string }): string {
  return pattern.replace(/\{page\}/g, String(values.page)).replace(/\{title\}/g, values.title)
}

/** Draw the footer on every page added from now on, leaving the text flow in progress untouched. */
export function installPageFurniture(state: PdfState): void {
  const doc = state.doc as PdfInternals
  const style = resolveTextStyle(state.theme, 'footer')
  const pattern = String(state.theme.values.footer_content ?? '{page}')
  let page = 0
  const draw = () => {
    page += 1
    // pdfkit adds pages from inside a running text flow; stash that flow so the footer does not
    // join it, and restore font, position and colour afterwards.
    const saved = { wrapper: doc._wrapper, options: doc._textOptions, font: doc._font, size: doc._fontSize, x: doc.x, y: doc.y }
    doc._wrapper = null
    doc._textOptions = null
    const text = fillPattern(pattern, { page, title: state.document.meta.title })
    const { margins, width, height } = doc.page
    doc.markContent('Artifact', { type: 'Pagination' })
    doc.font(fontName(state.theme, style)).fontSize(style.fontSize).fillColor(style.color)
    const y = height - margins.bottom + style.fontSize * 2
    // No `width`: with one, pdfkit runs its line wrapper, which breaks pages below the margin.
    const x = margins.left + (width - margins.left - margins.right - doc.widthOfString(text)) / 2
    doc.text(text, x, y, { lineBreak: false })
    doc.endMarkedContent()
    Object.assign(doc, { _wrapper: saved.wrapper, _textOptions: saved.options, _font: saved.font, _fontSize: saved.size, x: saved.x, y: saved.y })
    doc.fillColor(String(state.theme.values.base_color))
  }
  doc.on('pageAdded', draw)
}
