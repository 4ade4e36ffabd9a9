import type { Table } from 'mdast'
import { toString } from 'mdast-util-to-string'
import { resolveTextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { addSpace } from '../layout/keep.js'
import { contentWidth, type PdfState } from '../state.js'

/** Draw a table with pdfkit's table (tagged Table/TR/TH/TD), cells wrapping, columns aligned. */
export function table(state: PdfState, node: Table): void {
  const { doc } = state
  const style = resolveTextStyle(state.theme, state.textCategory)
  const align = node.align ?? []
  const rows = node.children.map((row, rowIndex) =>
    row.children.map((cell, column) => ({
      text: toString(cell),
      align: { x: align[column] ?? 'left', y: 'top' },
      font: { src: fontName(state.theme, { family: style.family, bold: rowIndex === 0, italic: false }), size: style.fontSize * 0.92 },
      type: rowIndex === 0 ? 'TH' : 'TD',
      // PDF/UA: a header cell says what it heads.
      ...(rowIndex === 0 ? { scope: 'Column' } : {}),
    })),
  )
  doc.fillColor(style.color)
  doc.x = doc.page.margins.left + state.indent
  // structParent makes pdfkit tag the table (Table/TR/TH/TD) under the current element.
  doc.table({ width: contentWidth(state), data: rows, position: { x: doc.x, y: doc.y }, structParent: state.struct } as never)
  doc.x = doc.page.margins.left
  addSpace(state, style.spaceAfter)
}
