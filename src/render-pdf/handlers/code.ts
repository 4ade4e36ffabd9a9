import type { Code } from 'mdast'
import { codeTokens, highlight } from '../../highlight.js'
import { resolveNumber, resolveTextStyle, type TextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { needsBidi } from '../inline/bidi.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { drawRuns, lineAdvance, measureRuns, type BlockLayout } from '../layout/text.js'
import { finishRuns, splitLines, type Run } from '../inline/runs.js'
import { contentWidth, drawArtifact, inBox, withContent, type PdfState } from '../state.js'

/**
 * Draw a code block in the code font (`code_*`), whitespace kept, on a tinted panel; a known
 * language is highlighted with the `code_*_color` keys. A line too long for the panel wraps after
 * a space and goes on under its own indentation plus two characters, a hooked arrow before it (as
 * LaTeX's fvextra sets code): in Python or YAML a wrapped line set at the margin reads as a new one.
 */
export function code(state: PdfState, node: Code): void {
  const style = resolveTextStyle(state.theme, 'code')
  const padding = resolveNumber(state.theme, 'code', 'padding')
  const text = node.value.replace(/\t/g, '    ')
  const face: Run = { text: '', family: style.family, bold: false, italic: false, literal: true }
  const highlighted = highlight(text, node.lang)
  const tokens = highlighted ? codeTokens(highlighted) : [{ text, colorKey: undefined }]
  const runs = finishRuns(state, tokens.map((token) => ({ ...face, text: token.text, color: token.colorKey ? String(state.theme.values[token.colorKey]) : undefined })))
  const { doc } = state
  const advance = lineAdvance(style)
  const lines = splitLines(runs).map((line) => ({ runs: line, layout: wrapLayout(state, line, style), height: advance }))
  insidePanel(state, padding, () => {
    for (const line of lines) if (line.runs.length > 0) line.height = measureRuns(state, line.runs, style, line.layout)
  })
  const height = lines.reduce((sum, line) => sum + line.height, 0)
  // Short blocks stay whole; long ones may break across pages, between lines.
  ensureSpace(state, Math.min(height, advance * 4) + 2 * padding)
  const x = doc.page.margins.left + state.indent
  const panelWidth = contentWidth(state)
  const pageBottom = () => doc.page.height - doc.page.margins.bottom
  const panel = (top: number, bottom: number) => doc.rect(x, top, panelWidth, bottom - top).fill(String(state.theme.values.code_background_color))
  // The panel of a block that goes on over the page runs to the foot of the text area; each page
  // it goes on to gets its own, from the padding above its first line to its last line's padding.
  drawArtifact(state, () => panel(doc.y, Math.min(doc.y + height + 2 * padding, pageBottom())))
  let drawn = 0
  const continuePanel = (linesBefore: number) => {
    const left = height - drawn - linesBefore * advance
    drawArtifact(state, () => panel(doc.y - padding, Math.min(doc.y + left + padding, pageBottom())))
  }
  doc.y += padding
  withContent(state, 'Code', () =>
    insidePanel(state, padding, () => {
      // Line by line: pdfkit loses a line break that starts a continued run.
      for (const line of lines) {
        if (line.runs.length === 0) doc.y += advance
        else drawRuns(state, line.runs, style, style.color, { ...line.layout, onNewPage: continuePanel })
        drawn += line.height
      }
    }),
  )
  doc.y += padding
  addSpace(state, resolveTextStyle(state.theme, 'base').spaceAfter)
}

/** Run `work` with the text inside the panel's padding, left and right. */
function insidePanel<T>(state: PdfState, padding: number, work: () => T): T {
  return inBox(state, state.doc.page.margins.left + state.indent + padding, contentWidth(state) - 2 * padding, work)
}

/**
 * How a line of code wraps: its continuation lines hang under its indentation plus two
 * characters, marked as continuing. Right-to-left lines are set by the bidi writer, without a hang.
 */
function wrapLayout(state: PdfState, line: Run[], style: TextStyle): BlockLayout {
  if (line.length === 0 || needsBidi(line)) return {}
  const character = state.doc.font(fontName(state.theme, style)).fontSize(style.fontSize).widthOfString(' ')
  const indentation = /^ */.exec(line.map((run) => run.text).join(''))![0].length
  return {
    hang: (indentation + 2) * character,
    markContinuation: (x, baseline) => drawContinuationMark(state, x - 1.7 * character, baseline, character, style),
  }
}

/**
 * A hooked arrow (↪, which the code font lacks) ending just before the continued text, in the
 * comment colour: an artifact, no part of the code's text when read aloud or copied.
 */
function drawContinuationMark(state: PdfState, x: number, baseline: number, character: number, style: TextStyle): void {
  const { doc } = state
  const size = style.fontSize
  const middle = baseline - size * 0.3
  const end = x + 1.3 * character
  const head = size * 0.16
  drawArtifact(state, () => {
    doc.lineWidth(size * 0.06).strokeColor(String(state.theme.values.code_comment_color ?? style.color))
    doc.moveTo(x, middle - size * 0.35).lineTo(x, middle).lineTo(end, middle).stroke()
    doc.moveTo(end - head, middle - head).lineTo(end, middle).lineTo(end - head, middle + head).stroke()
  })
}
