/**
 * One line of plain text outside the flow (running heads, table-of-contents entries), set in the
 * fonts its characters need: a title in Japanese must not turn into empty boxes in the header
 * because the header's face has no kana. Measuring and drawing go through the same pieces.
 */
import type { TextStyle } from '../../theme/resolve-style.js'
import { assignFonts } from '../inline/scripts.js'
import type { Run } from '../inline/runs.js'
import type { PdfState } from '../state.js'

type FontInternals = { _font: { ascender: number } }

/** The text split into pieces, each in a registered font that has its glyphs. */
function pieces(state: PdfState, text: string, style: TextStyle): Run[] {
  return assignFonts(state, [{ text, family: style.family, bold: style.bold, italic: style.italic }])
}

/** Width of `text` set in `style`, fallback fonts included. */
export function textLineWidth(state: PdfState, text: string, style: TextStyle): number {
  const { doc } = state
  return pieces(state, text, style).reduce((width, run) => width + doc.font(run.font!).fontSize(style.fontSize).widthOfString(run.text), 0)
}

/** Draw `text` on one line from `x`, its baseline at `baseline`, without wrapping; returns its width. */
export function drawTextLine(state: PdfState, text: string, style: TextStyle, x: number, baseline: number): number {
  const { doc } = state
  let left = x
  for (const run of pieces(state, text, style)) {
    doc.font(run.font!).fontSize(style.fontSize)
    // pdfkit places text by its top; fonts differ in ascent, so each piece finds its own top.
    const top = baseline - ((doc as unknown as FontInternals)._font.ascender / 1000) * style.fontSize
    // No `width`: with one, pdfkit runs its line wrapper, which breaks pages below the margin.
    doc.text(run.text, left, top, { lineBreak: false, link: null, goTo: null, underline: false, strike: false } as unknown as PDFKit.Mixins.TextOptions)
    left += doc.widthOfString(run.text)
  }
  return left - x
}

/** `text`, shortened at a word (or, for a single word, a character) with `…` to fit `width`. */
export function fitTextLine(state: PdfState, text: string, style: TextStyle, width: number): string {
  if (textLineWidth(state, text, style) <= width) return text
  const words = text.split(' ')
  while (words.length > 1 && textLineWidth(state, `${words.join(' ')}…`, style) > width) words.pop()
  let fitted = words.join(' ')
  const chars = [...fitted]
  while (chars.length > 1 && textLineWidth(state, `${chars.join('')}…`, style) > width) chars.pop()
  fitted = chars.join('').trimEnd()
  return `${fitted}…`
}
