/** The title block: title, subtitle, attribution lines and a rule, atop page 1 or on a title page. */
import { abstractLabel, attributionLines } from '../attribution.js'
import { resolveNumber, resolveTextStyle, resolveValue } from '../theme/resolve-style.js'
import { addSpace } from './layout/keep.js'
import { markDirection } from './inline/bidi.js'
import { drawRuns } from './layout/text.js'
import { addOutlineItem, contentWidth, withContent, withStructure, type PdfState } from './state.js'

/**
 * Draw the title block (`title_*`, `subtitle_*`, `attribution_*`, `title_block_*`) and open the
 * outline's root item. With `title_block_position: page` it stands alone on a title page, set
 * `title_page_top` down from the page top; returns whether it did.
 */
export function drawTitleBlock(state: PdfState): boolean {
  const { doc, document, theme } = state
  const { meta } = document
  const ownPage = resolveValue(theme, 'title_block', 'position') === 'page'
  if (ownPage) doc.y = doc.page.margins.top + (doc.page.height - doc.page.margins.top - doc.page.margins.bottom) * resolveNumber(theme, 'title_page', 'top')
  const titleStyle = resolveTextStyle(theme, 'title')
  const line = (category: string, text: string, tag: string, url?: string) => {
    const style = resolveTextStyle(theme, category)
    const face = { family: style.family, bold: style.bold, italic: style.italic }
    // A line ending in an address links it, as the body's links are (annotation and Link element).
    const runs = url ? [{ ...face, text: text.slice(0, text.length - url.length) }, { ...face, text: url, link: url }] : [{ ...face, text }]
    // Marked with their directions as paragraphs' runs are: an Arabic title is then set right to left
    // from the right margin and written in logical order (it read back with its words reversed).
    withContent(state, tag, () => drawRuns(state, markDirection(runs), style, url ? String(theme.values.link_color) : style.color))
    addSpace(state, style.spaceAfter)
  }
  const rootItem = addOutlineItem(state, doc.outline, meta.title)
  state.outlineStack = [{ depth: 0, item: rootItem }]
  // H1, as in the EPUB: with the title a P, an article whose sections are `##` skipped a heading
  // level (PDF/UA, Matterhorn 14-003), and a screen reader's heading list had no title.
  line('title', meta.title, 'H1')
  if (meta.subtitle) line('subtitle', meta.subtitle, 'P')
  addSpace(state, titleStyle.spaceAfter)
  for (const attribution of attributionLines(meta)) line('attribution', attribution.text, 'P', attribution.url)
  if (meta.abstract) {
    // Part of the title block, as in pandoc's LaTeX and EPUB: a labelled group of paragraphs, not a section.
    addSpace(state, resolveTextStyle(theme, 'abstract_title').spaceBefore)
    withStructure(state, 'Div', () => {
      line('abstract_title', abstractLabel(meta), 'P')
      for (const paragraph of meta.abstract!) line('abstract', paragraph, 'P')
    })
  }
  addSpace(state, 4)
  const width = contentWidth(state) * resolveNumber(theme, 'title_block', 'rule_width')
  const x = doc.page.margins.left + (ownPage ? (contentWidth(state) - width) / 2 : 0)
  doc.save().markContent('Artifact', { type: 'Layout' })
  doc.moveTo(x, doc.y).lineTo(x + width, doc.y).lineWidth(0.5).stroke(String(theme.values.title_block_rule_color))
  doc.endMarkedContent().restore()
  addSpace(state, resolveNumber(theme, 'title_block', 'space_after'))
  if (ownPage) doc.addPage()
  return ownPage
}
