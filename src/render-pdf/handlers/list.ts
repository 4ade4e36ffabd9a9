import type { List, ListItem, Parents } from 'mdast'
import { resolveNumber, resolveTextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { baselineOffset, lineAdvance } from '../layout/text.js'
import { finishRuns } from '../inline/runs.js'
import { indented, withContent, withStructure, type PdfState } from '../state.js'

/** Draw a list (L); its items carry their own labels. */
export function list(state: PdfState, node: List): void {
  withStructure(state, 'L', () => state.all(node))
  addSpace(state, resolveTextStyle(state.theme, state.textCategory).spaceAfter)
}

/** The label of an item: a box (checked or not) for a task, its number in an ordered list (from `start`), else a bullet. */
function labelOf(item: ListItem, parent: List | undefined): string {
  if (item.checked === true) return '☑'
  if (item.checked === false) return '☐'
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
      // The label may need a fallback font (the task boxes are in the symbols font).
      const [label] = finishRuns(state, [{ text: labelOf(node, parent as List | undefined), family: style.family, bold: false, italic: false }])
      const baseline = baselineOffset(state, style)
      doc.font(label?.font ?? fontName(state.theme, style)).fontSize(style.fontSize).fillColor(style.color)
      doc.text(label?.text ?? '', x, top, { lineBreak: false, baseline: -baseline } as PDFKit.Mixins.TextOptions)
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
