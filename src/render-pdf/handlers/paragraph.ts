import type { Paragraph } from 'mdast'
import { resolveTextStyle, type TextStyle } from '../../theme/resolve-style.js'
import { phrasingRuns, splitLines, type Run } from '../inline/runs.js'
import { addSpace } from '../layout/keep.js'
import { drawRuns, lineAdvance } from '../layout/text.js'
import { withContent, type PdfState } from '../state.js'
import { figure, isFigure } from './figure.js'

/** Draw a paragraph in the body style (`base_*`, or `blockquote_*` inside a quote); a lone image is a figure. */
export function paragraph(state: PdfState, node: Paragraph): void {
  if (isFigure(state, node)) return figure(state, node)
  const style = resolveTextStyle(state.theme, state.textCategory)
  const runs = phrasingRuns(state, node.children, { text: '', family: style.family, bold: style.bold, italic: style.italic })
  withContent(state, 'P', () => drawLines(state, runs, style))
  addSpace(state, style.spaceAfter)
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
