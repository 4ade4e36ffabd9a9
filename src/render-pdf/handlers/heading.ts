import type { Heading, Parents } from 'mdast'
import { hasOutlineEntry, headingId, headingText } from '../../parse/outline.js'
import { resolveNumber, resolveTextStyle, type TextStyle } from '../../theme/resolve-style.js'
import { phrasingRuns } from '../inline/runs.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { drawRuns, lineAdvance, measureRuns } from '../layout/text.js'
import { drawFootnotes } from './footnotes.js'
import { addOutlineItem, withContent, type PdfState } from '../state.js'

const runsOf = (state: PdfState, node: Heading, style: TextStyle) => phrasingRuns(state, node.children, { text: '', family: style.family, bold: style.bold, italic: style.italic })

/**
 * Height that must fit under the cursor for a heading to stay here: the heading, the headings that
 * follow it directly (a part title and its first section move together), and `heading_keep_lines`
 * lines of body text.
 */
function keepHeight(state: PdfState, node: Heading, parent: Parents | undefined): number {
  const siblings = parent?.children ?? [node]
  const first = Math.max(0, siblings.indexOf(node))
  let height = 0
  for (let index = first; index < siblings.length; index++) {
    const sibling = siblings[index]!
    if (sibling.type !== 'heading') break
    const style = resolveTextStyle(state.theme, 'heading', `h${sibling.depth}`)
    height += (index === first ? 0 : style.spaceBefore) + measureRuns(state, runsOf(state, sibling, style), style) + style.spaceAfter
  }
  return height + resolveNumber(state.theme, 'heading', 'keep_lines') * lineAdvance(resolveTextStyle(state.theme, 'base'))
}

/**
 * Draw a heading, kept with the first lines of the block after it (`heading_keep_lines`), give it a
 * named destination (its id) and, when it has one (`hasOutlineEntry`), an outline entry nested
 * under the nearest shallower heading.
 */
export function heading(state: PdfState, node: Heading, parent?: Parents): void {
  // Notes cited in the section that ends here close it (footnotes at section end, see README).
  if (node.depth <= 2 && state.indent === 0) drawFootnotes(state)
  const style = resolveTextStyle(state.theme, 'heading', `h${node.depth}`)
  const runs = runsOf(state, node, style)
  addSpace(state, style.spaceBefore)
  ensureSpace(state, keepHeight(state, node, parent))

  const { doc } = state
  const id = headingId(node)
  doc.addNamedDestination(id, 'XYZ', doc.page.margins.left, doc.page.height - doc.y, null)
  if (hasOutlineEntry(node, parent)) nestOutlineItem(state, node.depth, headingText(node))
  withContent(state, `H${node.depth}`, () => drawRuns(state, runs, style, String(state.theme.values.link_color)))
  addSpace(state, style.spaceAfter)
}

function nestOutlineItem(state: PdfState, depth: number, title: string): void {
  const { outlineStack } = state
  while (outlineStack.length > 1 && outlineStack.at(-1)!.depth >= depth) outlineStack.pop()
  const item = addOutlineItem(state, outlineStack.at(-1)!.item, title)
  outlineStack.push({ depth, item })
}
