import type { Paragraph } from 'mdast'
import { resolveTextStyle } from '../../theme/resolve-style.js'
import { phrasingRuns } from '../inline/runs.js'
import { addSpace } from '../layout/keep.js'
import { drawRuns } from '../layout/text.js'
import { withContent, type PdfState } from '../state.js'

/** Draw a paragraph in the body style (`base_*`, or `blockquote_*` inside a quote). */
export function paragraph(state: PdfState, node: Paragraph): void {
  const style = resolveTextStyle(state.theme, state.textCategory)
  const runs = phrasingRuns(state, node.children, { text: '', family: style.family, bold: style.bold, italic: style.italic })
  withContent(state, 'P', () => drawRuns(state, runs, style, String(state.theme.values.link_color)))
  addSpace(state, style.spaceAfter)
}
