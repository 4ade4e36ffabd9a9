/** Drawing runs of text with pdfkit: one `text()` flow per block, runs chained with `continued`. */
import type { TextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import type { Run } from '../inline/runs.js'
import { contentWidth, type PdfState } from '../state.js'

/** Extra space between lines so that lines sit `lineHeight × fontSize` apart. */
export function lineGap(state: PdfState, style: TextStyle): number {
  state.doc.font(fontName(state.theme, style)).fontSize(style.fontSize)
  return Math.max(0, style.fontSize * style.lineHeight - state.doc.currentLineHeight(true))
}

/** Distance between two baselines in a block of this style. */
export function lineAdvance(style: TextStyle): number {
  return style.fontSize * style.lineHeight
}

/** Height the runs will take at the current indent, without drawing. */
export function measureRuns(state: PdfState, runs: Run[], style: TextStyle): number {
  const { doc } = state
  const gap = lineGap(state, style)
  // pdfkit measures one string in one font; measuring the plain text in the block's font is close
  // enough to decide page breaks (runs in bold are slightly wider).
  const text = runs.map((run) => run.text).join('')
  return doc.heightOfString(text || ' ', { width: contentWidth(state), lineGap: gap, align: style.align })
}

/** Draw runs as one flowing block at the current position, breaking pages as needed. */
export function drawRuns(state: PdfState, runs: Run[], style: TextStyle, linkColor: string): void {
  const { doc } = state
  const gap = lineGap(state, style)
  const x = doc.page.margins.left + state.indent
  const width = contentWidth(state)
  const visible = runs.filter((run) => run.text.length > 0)
  if (visible.length === 0) return
  doc.x = x
  visible.forEach((run, index) => {
    const continued = index < visible.length - 1
    const size = run.superscript ? style.fontSize * 0.62 : style.fontSize
    doc.font(fontName(state.theme, run)).fontSize(size).fillColor(run.link || run.goTo ? linkColor : style.color)
    // Every option is given explicitly: pdfkit carries link/underline/strike into later
    // `continued` runs unless they are reset.
    const options: PDFKit.Mixins.TextOptions = {
      continued,
      width,
      align: style.align,
      lineGap: gap,
      link: run.link ?? null,
      goTo: run.goTo ?? null,
      underline: false,
      strike: run.strike ?? false,
    } as PDFKit.Mixins.TextOptions
    if (index === 0) doc.text(run.text, x, doc.y, options)
    else doc.text(run.text, options)
  })
  doc.x = x
}
