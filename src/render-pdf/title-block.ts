/** The title block on the first page: title, subtitle, attribution lines, a rule below. */
import { attributionLines } from '../attribution.js'
import { resolveNumber, resolveTextStyle } from '../theme/resolve-style.js'
import { addSpace } from './layout/keep.js'
import { drawRuns } from './layout/text.js'
import { addOutlineItem, contentWidth, withContent, type PdfState } from './state.js'

/** Draw the title block (`title_*`, `subtitle_*`, `attribution_*`) and open the outline's root item. */
export function drawTitleBlock(state: PdfState): void {
  const { doc, document, theme } = state
  const { meta } = document
  const titleStyle = resolveTextStyle(theme, 'title')
  const line = (category: string, text: string, tag: string) => {
    const style = resolveTextStyle(theme, category)
    withContent(state, tag, () => drawRuns(state, [{ text, family: style.family, bold: style.bold, italic: style.italic }], style, style.color))
    addSpace(state, style.spaceAfter)
  }
  const rootItem = addOutlineItem(state, doc.outline, meta.title)
  state.outlineStack = [{ depth: 0, item: rootItem }]
  line('title', meta.title, 'P')
  if (meta.subtitle) line('subtitle', meta.subtitle, 'P')
  addSpace(state, titleStyle.spaceAfter)
  for (const attribution of attributionLines(meta)) line('attribution', attribution.text, 'P')
  addSpace(state, 4)
  const x = doc.page.margins.left
  doc.save().markContent('Artifact', { type: 'Layout' })
  doc.moveTo(x, doc.y).lineTo(x + contentWidth(state), doc.y).lineWidth(0.5).stroke(String(theme.values.title_block_rule_color))
  doc.endMarkedContent().restore()
  addSpace(state, resolveNumber(theme, 'title_block', 'space_after'))
}
