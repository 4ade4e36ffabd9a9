import type { List, ListItem, Parents } from 'mdast'
import { resolveNumber, resolveTextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { lineAdvance } from '../layout/text.js'
import { indented, withContent, withStructure, type PdfState } from '../state.js'

/** Draw a list (L); its items carry their own labels. */
export function list(state: PdfState, node: List): void {
  withStructure(state, 'L', () => state.all(node))
  addSpace(state, resolveTextStyle(state.theme, state.textCategory).spaceAfter)
}

/** The label of an item: its number in an ordered list, a box for a task, else a bullet. */
function labelOf(item: ListItem, parent: List | undefined): string {
  if (item.checked === true) return '[x]'
  if (item.checked === false) return '[ ]'
  if (!parent?.ordered) return '•'
  return `${(parent.start ?? 1) + parent.children.indexOf(item)}.`
}

/** Draw a list item (LI): the label (Lbl) in the margin, the body (LBody) indented by `list_indent`. */
export function listItem(state: PdfState, node: ListItem, parent: Parents | undefined): void {
  const style = resolveTextStyle(state.theme, state.textCategory)
  const indent = resolveNumber(state.theme, 'list', 'indent')
  const { doc } = state
  ensureSpace(state, lineAdvance(style) * 2)
  withStructure(state, 'LI', () => {
    const top = doc.y
    const x = doc.page.margins.left + state.indent
    withContent(state, 'Lbl', () => {
      doc.font(fontName(state.theme, style)).fontSize(style.fontSize).fillColor(style.color)
      doc.text(labelOf(node, parent as List | undefined), x, top, { lineBreak: false })
    })
    doc.y = top
    withStructure(state, 'LBody', () =>
      indented(state, indent, () => {
        // Items of a tight list are separated by the list item gap, not the paragraph gap.
        for (const child of node.children) {
          state.one(child, node)
          if (!node.spread && child.type === 'paragraph') doc.y -= style.spaceAfter
        }
      }),
    )
    addSpace(state, resolveNumber(state.theme, 'list_item', 'space_after'))
  })
}
