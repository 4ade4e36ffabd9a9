import { resolveTextStyle } from '../../theme/resolve-style.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { contentWidth, type PdfState } from '../state.js'

/** Draw a thematic break as a short centred rule (`rule_color`), an artifact for screen readers. */
export function thematicBreak(state: PdfState): void {
  const { doc } = state
  const gap = resolveTextStyle(state.theme, 'base').spaceAfter
  ensureSpace(state, gap * 3)
  addSpace(state, gap)
  const width = contentWidth(state)
  const x = doc.page.margins.left + state.indent + width * 0.35
  doc.save().markContent('Artifact', { type: 'Layout' })
  doc.moveTo(x, doc.y).lineTo(x + width * 0.3, doc.y).lineWidth(0.6).stroke(String(state.theme.values.rule_color))
  doc.endMarkedContent().restore()
  addSpace(state, gap * 2)
}
