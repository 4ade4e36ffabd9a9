/**
 * Definition lists (pandoc's `Term` / `: definition`, parsed by remark-definition-list): each term
 * set in the body face, bold, and its definitions under it, indented by `list_indent`. Tagged as
 * PDF/UA lists them: an L whose LI holds the term(s) as Lbl and the definitions as LBody.
 */
import type { DefListDescriptionNode, DefListNode, DefListTermNode } from 'mdast-util-definition-list'
import { resolveNumber, resolveTextStyle } from '../../theme/resolve-style.js'
import { phrasingRuns } from '../inline/runs.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { drawRuns, lineAdvance } from '../layout/text.js'
import { indented, withContent, withStructure, type PdfState } from '../state.js'

/** The list's entries: the terms written together, then their definitions. */
function entries(node: DefListNode): { terms: DefListTermNode[]; descriptions: DefListDescriptionNode[] }[] {
  const out: { terms: DefListTermNode[]; descriptions: DefListDescriptionNode[] }[] = []
  for (const child of node.children) {
    const last = out.at(-1)
    if (child.type === 'defListTerm') {
      if (!last || last.descriptions.length > 0) out.push({ terms: [child], descriptions: [] })
      else last.terms.push(child)
    } else if (last) last.descriptions.push(child)
    else out.push({ terms: [], descriptions: [child] })
  }
  return out
}

/** Draw a definition list (L): each entry an LI, its terms the Lbl, its definitions the LBody. */
export function defList(state: PdfState, node: DefListNode): void {
  const style = resolveTextStyle(state.theme, state.textCategory)
  const indent = resolveNumber(state.theme, 'list', 'indent')
  withStructure(state, 'L', () => {
    for (const { terms, descriptions } of entries(node)) {
      withStructure(state, 'LI', () => {
        // A term stays with the first lines of its definition.
        ensureSpace(state, lineAdvance(style) * (terms.length + 2))
        if (terms.length > 0) {
          withContent(state, 'Lbl', () => {
            for (const term of terms) drawRuns(state, phrasingRuns(state, term.children, { text: '', family: style.family, bold: true, italic: style.italic }), { ...style, align: 'left' }, String(state.theme.values.link_color))
          })
        }
        withStructure(state, 'LBody', () =>
          indented(state, indent, () => {
            for (const description of descriptions) state.all(description as never)
          }),
        )
      })
    }
  })
  addSpace(state, style.spaceAfter)
}
