/**
 * Right-to-left text. pdfkit has no bidi: it lays words out in logical order. Runs are split at
 * direction changes (bidi-js, the Unicode Bidirectional Algorithm) and a block holding any
 * right-to-left run is set line by line here: words broken into lines in logical order, each
 * line's pieces reordered visually (rule L2), each right-to-left piece shaped by fontkit as one
 * glyph run (which joins Arabic letters and reverses the piece).
 */
import type { TextStyle } from '../../theme/resolve-style.js'
import { RIGHT_TO_LEFT } from '../../writing-systems.js'
import { fontName } from '../fonts.js'
import { baselineOffset } from '../layout/text.js'
import { contentWidth, type PdfState } from '../state.js'
import { bidi } from '../bidi-algorithm.js'
import { drawRightToLeft, mirrorText } from '../glyph-unicode.js'
import { cutToWidth } from '../layout/cut-word.js'
import { LinkTags } from '../layout/link-tags.js'
import { runFeatures, type Run } from './runs.js'

/** Split runs where the embedding level changes; right-to-left pieces get `rtl`. */
export function markDirection(runs: Run[]): Run[] {
  const text = runs.map((run) => run.text).join('')
  if (!RIGHT_TO_LEFT.test(text)) return runs
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text)
  const base = paragraphs[0]?.level ?? 0
  const out: Run[] = []
  let offset = 0
  for (const run of runs) {
    let piece: Run | undefined
    for (let i = 0; i < run.text.length; i++) {
      const level = levels[offset + i]!
      if (piece && piece.level === level) piece.text += run.text[i]
      else {
        piece = { ...run, text: run.text[i]!, level, rtl: level % 2 === 1, baseRtl: base % 2 === 1 }
        out.push(piece)
      }
    }
    offset += run.text.length
  }
  return out
}

/** Whether these runs need the bidi line layout of `drawBidiRuns`. */
export function needsBidi(runs: Run[]): boolean {
  return runs.some((run) => run.rtl || run.baseRtl)
}

interface Token {
  run: Run
  text: string
  width: number
}

/**
 * Draw runs holding right-to-left text, line by line, aligned to the paragraph's base direction;
 * justified text (`*_text_align: justify`) stretches the spaces of every line but the last, which
 * keeps to the start side. Pieces are written to the page in logical order at their visual places,
 * so that extraction (pdf.js keeps the content order) reads the words as written.
 */
export function drawBidiRuns(state: PdfState, runs: Run[], style: TextStyle, linkColor: string): void {
  const { doc } = state
  const width = contentWidth(state)
  const left = doc.page.margins.left + state.indent
  const advance = style.fontSize * style.lineHeight
  const sizeOf = (run: Run) => (run.superscript || run.subscript ? style.fontSize * 0.62 : style.fontSize)
  const measure = (run: Run, text: string) => {
    doc.font(run.font ?? fontName(state.theme, run)).fontSize(sizeOf(run))
    return doc.widthOfString(run.rtl ? mirrorText(text) : text, { features: runFeatures(run) } as PDFKit.Mixins.TextOptions)
  }
  const lines = breakLines(runs, width, measure)
  const baseRtl = runs[0]?.baseRtl ?? false
  const baseline = baselineOffset(state, style)
  const links = new LinkTags(doc)
  lines.forEach((line, index) => {
    // pdfkit's continueOnNewPage closes the open marked content and reopens it on the new page: a bare
    // addPage left its EMC on the next page (pdftotext: "Mismatched EMC operator"), the tag tree broken.
    if (doc.y + advance > doc.page.height - doc.page.margins.bottom) (doc as unknown as { continueOnNewPage(): void }).continueOnNewPage()
    const pieces = trimLine(line)
    const visual = reorder(pieces, baseRtl)
    const lineWidth = pieces.reduce((sum, piece) => sum + piece.width, 0)
    const spaces = pieces.filter((piece) => piece.text.trim() === '').length
    const justify = style.align === 'justify' && index < lines.length - 1 && spaces > 0
    const stretch = justify ? (width - lineWidth) / spaces : 0
    let x = justify ? left : baseRtl || style.align === 'right' ? left + width - lineWidth : style.align === 'center' ? left + (width - lineWidth) / 2 : left
    const places = new Map<Token, number>()
    for (const piece of visual) {
      places.set(piece, x)
      x += piece.width + (piece.text.trim() === '' ? stretch : 0)
    }
    const y = doc.y
    const spaced = spacedSteps(pieces, places)
    for (const piece of pieces) {
      const { run } = piece
      if (piece.text.trim() === '' && !run.link && !run.goTo && !run.strike) continue
      doc.font(run.font ?? fontName(state.theme, run)).fontSize(sizeOf(run)).fillColor(run.color ?? (run.link || run.goTo ? linkColor : style.color))
      const options = { lineBreak: false, features: runFeatures(run), link: run.link ?? null, goTo: run.goTo ?? null, underline: false, strike: run.strike ?? false, baseline: run.superscript ? undefined : -baseline } as PDFKit.Mixins.TextOptions
      const draw = () => (run.rtl ? drawRightToLeft(doc, piece.text, () => doc.text(mirrorText(piece.text), places.get(piece)!, y, options), spaced.has(piece)) : doc.text(piece.text, places.get(piece)!, y, options))
      if (run.link || run.goTo) links.draw(run, draw)
      else draw()
    }
    doc.y = y + advance
  })
  links.end()
  doc.x = left
}

/**
 * The right-to-left words of a line (in logical order) that follow a space and are placed left of
 * the word before them: pdf.js reads no space at such a step back (drawRightToLeft's
 * `spaceBefore`). Not a piece without right-to-left letters (a bracket set in another font than
 * the word it opens): pdf.js would not turn it around, and read the space after it.
 */
export function spacedSteps<Piece extends { text: string }>(pieces: Piece[], places: Map<Piece, number>): Set<Piece> {
  const out = new Set<Piece>()
  let previous: Piece | undefined
  let space = false
  for (const piece of pieces) {
    if (piece.text.trim() === '') {
      space = previous !== undefined
      continue
    }
    if (space && places.get(piece)! < places.get(previous!)! && RIGHT_TO_LEFT.test(piece.text)) out.add(piece)
    previous = piece
    space = false
  }
  return out
}

/** Break runs into lines of tokens (words, spaces, line feeds) in logical order; spaces may hang past the line end. */
function breakLines(runs: Run[], width: number, measure: (run: Run, text: string) => number): Token[][] {
  const lines: Token[][] = [[]]
  let used = 0
  for (const run of runs) {
    for (const word of run.text.match(/\n|[^\s]+|[^\S\n]+/g) ?? []) {
      const wordWidth = word === '\n' ? 0 : measure(run, word)
      // A word wider than the line is cut between graphemes where the line is full, as in layout/paragraph-items.ts.
      const parts = wordWidth > width && word.trim() !== '' ? cutToWidth(word, width - used, width, (text) => measure(run, text)) : [{ text: word, width: wordWidth }]
      for (const { text, width: partWidth } of parts) {
        const token = { run, text, width: partWidth }
        const line = lines.at(-1)!
        const space = text.trim() === ''
        if (text === '\n' || (!space && line.length > 0 && used + token.width > width)) {
          lines.push([])
          used = 0
          if (text === '\n') continue
        }
        if (space && lines.at(-1)!.length === 0) continue
        lines.at(-1)!.push(token)
        used += token.width
      }
    }
  }
  return lines
}

/** A line's pieces to draw: its tokens without the spaces that hang at its end. */
function trimLine(line: Token[]): Token[] {
  const pieces = line.map((token) => ({ ...token }))
  while (pieces.length > 0 && pieces.at(-1)!.text.trim() === '') pieces.pop()
  return pieces
}

/** Unicode's rule L2: from the highest level down to the lowest odd one, reverse every sequence at that level or above. */
export function reorder<Piece extends { run: Run }>(pieces: Piece[], baseRtl: boolean): Piece[] {
  const levelOf = (piece: Piece) => piece.run.level ?? (baseRtl ? 1 : 0)
  const levels = pieces.map(levelOf)
  const highest = Math.max(0, ...levels)
  const lowestOdd = Math.min(...levels.filter((level) => level % 2 === 1), highest + 1)
  let order = pieces.map((_, index) => index)
  for (let level = highest; level >= lowestOdd && level > 0; level--) {
    const next: number[] = []
    let index = 0
    while (index < order.length) {
      if (levels[order[index]!]! >= level) {
        const start = index
        while (index < order.length && levels[order[index]!]! >= level) index++
        next.push(...order.slice(start, index).reverse())
      } else next.push(order[index++]!)
    }
    order = next
  }
  return order.map((index) => pieces[index]!)
}
