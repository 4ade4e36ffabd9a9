import type { Blockquote } from 'mdast'
import { resolveNumber } from '../../theme/resolve-style.js'
import { indented, withStructure, type PdfState } from '../state.js'

/** Draw a block quote: its blocks indented (`blockquote_indent`) in the `blockquote_*` text style. */
export function blockquote(state: PdfState, node: Blockquote): void {
  const previous = state.textCategory
  state.textCategory = 'blockquote'
  try {
    withStructure(state, 'BlockQuote', () => indented(state, resolveNumber(state.theme, 'blockquote', 'indent'), () => state.all(node)))
  } finally {
    state.textCategory = previous
  }
}
