import type { Code } from 'mdast'
import { codeTokens, highlight } from '../../highlight.js'
import { resolveNumber, resolveTextStyle } from '../../theme/resolve-style.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { drawRuns, lineAdvance, measureRuns } from '../layout/text.js'
import { finishRuns, splitLines, type Run } from '../inline/runs.js'
import { contentWidth, withContent, type PdfState } from '../state.js'

/**
 * Draw a code block in the code font (`code_*`), whitespace kept, long lines wrapped, on a tinted
 * panel; a known language is highlighted with the `code_*_color` keys.
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
  const height = measureRuns(state, runs, style)
  // Short blocks stay whole; long ones may break across pages, between lines.
  ensureSpace(state, Math.min(height, lineAdvance(style) * 4) + 2 * padding)
  const x = doc.page.margins.left + state.indent
  const fitsHere = doc.y + height + 2 * padding <= doc.page.height - doc.page.margins.bottom
  if (fitsHere) {
    doc.save().markContent('Artifact', { type: 'Layout' })
    doc.rect(x, doc.y, contentWidth(state), height + 2 * padding).fill(String(state.theme.values.code_background_color))
    doc.endMarkedContent().restore()
  }
  doc.y += padding
  withContent(state, 'Code', () => {
    state.indent += padding
    try {
      // Line by line: pdfkit loses a line break that starts a continued run.
      for (const line of splitLines(runs)) {
        if (line.length === 0) doc.y += lineAdvance(style)
        else drawRuns(state, line, style, style.color)
      }
    } finally {
      state.indent -= padding
    }
  })
  doc.y += padding
  addSpace(state, resolveTextStyle(state.theme, 'base').spaceAfter)
}
