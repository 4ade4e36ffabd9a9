import type { Html } from 'mdast'
import { warn } from '../../messages.js'
import type { PdfState } from '../state.js'

/** Raw HTML blocks are not rendered in the PDF; the author is told where. */
export function html(state: PdfState, node: Html): void {
  if (node.value.trim().startsWith('<!--')) return
  warn(state.document.file, 'raw HTML block is not rendered in the PDF', node, 'html-dropped')
}
