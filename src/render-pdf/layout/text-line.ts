/**
 * One line of plain text outside the flow (running heads, table-of-contents entries), set in the
 * fonts its characters need: a title in Japanese must not turn into empty boxes in the header
 * because the header's face has no kana. Measuring and drawing go through the same pieces.
 */
import type { TextStyle } from '../../theme/resolve-style.js'
import { drawRightToLeft, mirrorText } from '../glyph-unicode.js'
import { markDirection, reorder, spacedSteps } from '../inline/bidi.js'
import { runFeatures, type Run } from '../inline/runs.js'
import { assignFonts } from '../inline/scripts.js'
import type { PdfState } from '../state.js'
import { cutToWidth } from './cut-word.js'

type FontInternals = { _font: { ascender: number } }

/** A word or a space of the line, in the font and direction it is drawn with. */
interface Piece {
  run: Run
  text: string
  width: number
}

/**
 * The line's words and spaces in logical order, each in a registered font that has its glyphs and
 * marked right to left where the bidi algorithm says so (an Arabic title in a running head).
 */
function pieces(state: PdfState, text: string, style: TextStyle): Piece[] {
  const { doc } = state
  const runs = markDirection(assignFonts(state, [{ text, family: style.family, bold: style.bold, italic: style.italic }]))
  const words = runs.some((run) => run.rtl) ? (run: Run) => run.text.match(/\s+|\S+/g) ?? [] : (run: Run) => [run.text]
  return runs.flatMap((run) =>
    words(run).map((word) => ({ run, text: word, width: doc.font(run.font!).fontSize(style.fontSize).widthOfString(run.rtl ? mirrorText(word) : word, { features: runFeatures(run) } as PDFKit.Mixins.TextOptions) })),
  )
}

/** Width of `text` set in `style`, fallback fonts included. */
export function textLineWidth(state: PdfState, text: string, style: TextStyle): number {
  return pieces(state, text, style).reduce((width, piece) => width + piece.width, 0)
}

/**
 * Draw `text` on one line from `x`, its baseline at `baseline`, without wrapping; returns its width.
 * Pieces go to their visual places (Unicode rule L2) but are written in logical order, as in
 * paragraphs (inline/bidi.ts), so that extraction reads the words as written.
 */
export function drawTextLine(state: PdfState, text: string, style: TextStyle, x: number, baseline: number): number {
  const { doc } = state
  const logical = pieces(state, text, style)
  const places = new Map<Piece, number>()
  let left = x
  for (const piece of reorder(logical, logical[0]?.run.baseRtl ?? false)) {
    places.set(piece, left)
    left += piece.width
  }
  const spaced = spacedSteps(logical, places)
  for (const piece of logical) {
    const { run } = piece
    doc.font(run.font!).fontSize(style.fontSize)
    // pdfkit places text by its top; fonts differ in ascent, so each piece finds its own top.
    const top = baseline - ((doc as unknown as FontInternals)._font.ascender / 1000) * style.fontSize
    // No `width`: with one, pdfkit runs its line wrapper, which breaks pages below the margin.
    const options = { lineBreak: false, features: runFeatures(run), link: null, goTo: null, underline: false, strike: false } as unknown as PDFKit.Mixins.TextOptions
    if (run.rtl) drawRightToLeft(doc, piece.text, () => doc.text(mirrorText(piece.text), places.get(piece)!, top, options), spaced.has(piece))
    else doc.text(piece.text, places.get(piece)!, top, options)
  }
  return left - x
}

/**
 * `text` broken at its spaces into lines no wider than `width`; a word wider than a line is cut
 * between characters. Each word is measured once (the line's width is their sum), so a heading of
 * 10,000 characters costs no more than its words.
 */
export function wrapTextLine(state: PdfState, text: string, style: TextStyle, width: number): string[] {
  const measure = (part: string) => textLineWidth(state, part, style)
  const space = measure(' ')
  const lines: string[] = []
  let line = ''
  let used = 0
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const wordWidth = measure(word)
    const needed = line === '' ? wordWidth : used + space + wordWidth
    if (needed <= width) {
      line = line === '' ? word : `${line} ${word}`
      used = needed
      continue
    }
    if (line !== '') lines.push(line)
    const parts = wordWidth > width ? cutToWidth(word, width, width, measure) : [{ text: word, width: wordWidth }]
    lines.push(...parts.slice(0, -1).map((part) => part.text))
    line = parts.at(-1)!.text
    used = parts.at(-1)!.width
  }
  if (line !== '') lines.push(line)
  return lines
}

/** `text`, shortened at a word (or, for a single word, a character) with `…` to fit `width`. */
export function fitTextLine(state: PdfState, text: string, style: TextStyle, width: number): string {
  if (textLineWidth(state, text, style) <= width) return text
  const first = wrapTextLine(state, text, style, width - textLineWidth(state, '…', style))[0] ?? ''
  return `${first}…`
}
