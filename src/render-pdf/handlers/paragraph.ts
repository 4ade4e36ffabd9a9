import type { Paragraph } from 'mdast'
import { resolveTextStyle, type TextStyle } from '../../theme/resolve-style.js'
import { phrasingRuns, splitLines, type Run } from '../inline/runs.js'
import { needsBidi } from '../inline/bidi.js'
import { addSpace, spaceLeft } from '../layout/keep.js'
import { drawRuns, lineAdvance, measureRuns } from '../layout/text.js'
import { withContent, type PdfState } from '../state.js'
import { figure, isFigure } from './figure.js'

/** A paragraph's runs in the style of where it stands (`base_*`, or `blockquote_*` inside a quote). */
function paragraphRuns(state: PdfState, node: Paragraph): { runs: Run[]; style: TextStyle } {
  const style = resolveTextStyle(state.theme, state.textCategory)
  return { style, runs: phrasingRuns(state, node.children, { text: '', family: style.family, bold: style.bold, italic: style.italic }) }
}

/** Draw a paragraph in the body style (`base_*`, or `blockquote_*` inside a quote); a lone image is a figure. */
export function paragraph(state: PdfState, node: Paragraph): void {
  if (isFigure(state, node)) return figure(state, node)
  const { runs, style } = paragraphRuns(state, node)
  withContent(state, 'P', () => drawLines(state, runs, style))
  addSpace(state, style.spaceAfter)
}

/**
 * Whether the paragraph `node` (not a figure) would be set whole below the cursor, without a page
 * break. Right-to-left text is laid out per line when drawn, so it is never said to fit.
 */
export function paragraphFitsHere(state: PdfState, node: Paragraph): boolean {
  if (isFigure(state, node)) return false
  const { runs, style } = paragraphRuns(state, node)
  if (needsBidi(runs)) return false
  const advance = lineAdvance(style)
  // Lines as drawRuns counts them, with its hair of tolerance.
  const lines = splitLines(runs).reduce((sum, line) => sum + (line.length === 0 ? 1 : Math.round(measureRuns(state, line, style) / advance)), 0)
  return lines <= Math.floor((spaceLeft(state) + 0.01) / advance)
}

/** Draw runs, each hard line break starting a new flow (the line before it is not justified). */
export function drawLines(state: PdfState, runs: Run[], style: TextStyle): void {
  const lines = splitLines(runs)
  lines.forEach((line, index) => {
    const last = index === lines.length - 1
    const lineStyle = last || style.align !== 'justify' ? style : { ...style, align: 'left' as const }
    if (line.length === 0) state.doc.y += lineAdvance(style)
    else drawRuns(state, line, lineStyle, String(state.theme.values.link_color))
  })
}
