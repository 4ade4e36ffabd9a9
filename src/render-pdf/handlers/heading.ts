import type { Heading } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { headingId } from '../../parse/outline.js'
import { resolveNumber, resolveTextStyle } from '../../theme/resolve-style.js'
import { phrasingRuns } from '../inline/runs.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { drawRuns, lineAdvance, measureRuns } from '../layout/text.js'
import { drawFootnotes } from './footnotes.js'
import { addOutlineItem, withContent, type PdfState } from '../state.js'

/**
 * Draw a heading, kept with the first lines of the block after it (`heading_keep_lines`), give it a
 * named destination (its id) and an outline entry nested under the nearest shallower heading.
 */
export function heading(state: PdfState, node: Heading): void {
  // Notes cited in the section that ends here close it (footnotes at section end, see README).
  if (node.depth <= 2 && state.indent === 0) drawFootnotes(state)
  const style = resolveTextStyle(state.theme, 'heading', `h${node.depth}`)
  const body = resolveTextStyle(state.theme, 'base')
  const runs = phrasingRuns(state, node.children, { text: '', family: style.family, bold: style.bold, italic: style.italic })
  addSpace(state, style.spaceBefore)
  const keepLines = resolveNumber(state.theme, 'heading', 'keep_lines')
  ensureSpace(state, measureRuns(state, runs, style) + style.spaceAfter + keepLines * lineAdvance(body))

  const { doc } = state
  const id = headingId(node)
  doc.addNamedDestination(id, 'XYZ', doc.page.margins.left, doc.page.height - doc.y, null)
  nestOutlineItem(state, node.depth, toString(node).trim())
  withContent(state, `H${node.depth}`, () => drawRuns(state, runs, style, String(state.theme.values.link_color)))
  addSpace(state, style.spaceAfter)
}

function nestOutlineItem(state: PdfState, depth: number, title: string): void {
  const { outlineStack } = state
  while (outlineStack.length > 1 && outlineStack.at(-1)!.depth >= depth) outlineStack.pop()
  const item = addOutlineItem(state, outlineStack.at(-1)!.item, title)
  outlineStack.push({ depth, item })
}
