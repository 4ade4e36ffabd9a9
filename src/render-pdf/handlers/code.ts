import type { Code } from 'mdast'
import { resolveNumber, resolveTextStyle } from '../../theme/resolve-style.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { drawRuns, lineAdvance, measureRuns } from '../layout/text.js'
import { contentWidth, withContent, type PdfState } from '../state.js'

/** Draw a code block in the code font (`code_*`), whitespace kept, long lines wrapped, on a tinted panel. */
export function code(state: PdfState, node: Code): void {
  const style = resolveTextStyle(state.theme, 'code')
  const padding = resolveNumber(state.theme, 'code', 'padding')
  const text = node.value.replace(/\t/g, '    ')
  const runs = [{ text, family: style.family, bold: false, italic: false }]
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
      drawRuns(state, runs, style, style.color)
    } finally {
      state.indent -= padding
    }
  })
  doc.y += padding
  addSpace(state, resolveTextStyle(state.theme, 'base').spaceAfter)
}
