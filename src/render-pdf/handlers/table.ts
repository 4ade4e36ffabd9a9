import type { Table, TableCell } from 'mdast'
import { resolveNumber, resolveTextStyle, type TextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { phrasingRuns, type Run } from '../inline/runs.js'
import { addSpace, ensureSpace } from '../layout/keep.js'
import { drawRuns, measureRuns } from '../layout/text.js'
import { contentWidth, inBox, withContent, withStructure, type PdfState } from '../state.js'

interface LaidCell {
  runs: Run[]
  style: TextStyle
}

/**
 * Draw a table (`table_*` keys): columns sized to their content and fitted to the text width,
 * cells wrapping, each column aligned as the Markdown says, rows never split, and the header row
 * drawn again at the top of each page the table continues on (pdfkit's own table does not). A
 * caption (pandoc's `Table: …`, see parse/table-captions.ts) is set above it in the `caption_*`
 * style, kept with its first rows. Tagged Table (Caption) / TR / TH / TD; the repeated header is an
 * artifact.
 */
export function table(state: PdfState, node: Table): void {
  const { doc } = state
  const base = resolveTextStyle(state.theme, 'table')
  const padding = resolveNumber(state.theme, 'table_cell', 'padding')
  const rows: LaidCell[][] = node.children.map((row, rowIndex) =>
    row.children.map((cell: TableCell, column) => {
      const style = { ...base, bold: rowIndex === 0, align: (node.align?.[column] ?? 'left') as TextStyle['align'] }
      return { runs: phrasingRuns(state, cell.children, { text: '', family: style.family, bold: style.bold, italic: style.italic }), style }
    }),
  )
  // A loop, not a spread: a table of 200,000 rows would overflow the stack as arguments.
  const columns = rows.reduce((most, row) => Math.max(most, row.length), 0)
  const widths = columnWidths(state, rows, columns, contentWidth(state), padding)
  const left = doc.page.margins.left + state.indent
  // Each row is measured once: the page-break check and the drawing both ask.
  const heights = new Map<LaidCell[], number>()
  const heightOf = (row: LaidCell[]) => {
    let height = heights.get(row)
    if (height === undefined) heights.set(row, (height = Math.max(...row.map((cell, column) => measureCell(state, cell, widths[column]! - 2 * padding))) + 2 * padding))
    return height
  }
  const drawRow = (row: LaidCell[], header: boolean) => {
    const top = doc.y
    const height = heightOf(row)
    const width = widths.reduce((sum, w) => sum + w, 0)
    doc.save().markContent('Artifact', { type: 'Layout' })
    if (header) doc.rect(left, top, width, height).fill(String(state.theme.values.table_header_background_color))
    doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(header ? 0.8 : 0.4).stroke(String(state.theme.values.table_rule_color))
    doc.endMarkedContent().restore()
    let x = left
    row.forEach((cell, column) => {
      const draw = () => drawCell(state, cell, x + padding, top + padding, widths[column]! - 2 * padding)
      if (header) {
        // PDF/UA: a header cell says what it heads.
        const element = doc.struct('TH', { scope: 'Column' } as never, [draw])
        state.struct.add(element)
        element.end()
      } else withContent(state, 'TD', draw)
      x += widths[column]!
    })
    doc.y = top + height
  }
  const header = rows[0]!
  const captionStyle = resolveTextStyle(state.theme, 'caption')
  const caption = node.data?.caption ? phrasingRuns(state, node.data.caption, { text: '', family: captionStyle.family, bold: captionStyle.bold, italic: captionStyle.italic }) : []
  const captionHeight = caption.length > 0 ? measureRuns(state, caption, captionStyle) + captionStyle.spaceBefore : 0
  ensureSpace(state, captionHeight + heightOf(header) + (rows[1] ? heightOf(rows[1]) : 0))
  withStructure(state, 'Table', () => {
    if (caption.length > 0) {
      // PDF/UA: a table's caption is its first (or last) child.
      withContent(state, 'Caption', () => drawRuns(state, caption, captionStyle, String(state.theme.values.link_color)))
      addSpace(state, captionStyle.spaceBefore)
    }
    rows.forEach((row, index) => {
      if (index > 0 && doc.y + heightOf(row) > doc.page.height - doc.page.margins.bottom) {
        doc.addPage()
        // The header again, for the reader of this page; not a second header for screen readers.
        doc.markContent('Artifact', { type: 'Pagination' })
        drawRowPlain(state, header, left, widths, padding, heightOf(header))
        doc.endMarkedContent()
      }
      withStructure(state, 'TR', () => drawRow(row, index === 0))
    })
  })
  addSpace(state, resolveTextStyle(state.theme, state.textCategory).spaceAfter)
}

/** The repeated header: same look, drawn inside an artifact. */
function drawRowPlain(state: PdfState, row: LaidCell[], left: number, widths: number[], padding: number, height: number): void {
  const { doc } = state
  const top = doc.y
  const width = widths.reduce((sum, w) => sum + w, 0)
  doc.save().rect(left, top, width, height).fill(String(state.theme.values.table_header_background_color)).restore()
  doc.save().moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(0.8).stroke(String(state.theme.values.table_rule_color)).restore()
  let x = left
  row.forEach((cell, column) => {
    drawCell(state, cell, x + padding, top + padding, widths[column]! - 2 * padding)
    x += widths[column]!
  })
  doc.y = top + height
}

/** Lay a cell's runs out in a box at (x, y) of the given width. */
function drawCell(state: PdfState, cell: LaidCell, x: number, y: number, width: number): void {
  inBox(state, x, width, () => {
    state.doc.y = y
    drawRuns(state, cell.runs, cell.style, String(state.theme.values.link_color))
  })
}

function measureCell(state: PdfState, cell: LaidCell, width: number): number {
  if (cell.runs.length === 0) return cell.style.fontSize * cell.style.lineHeight
  return inBox(state, state.doc.page.margins.left + state.indent, width, () => measureRuns(state, cell.runs, cell.style))
}


/**
 * Column widths, as a typesetter sizes a table. A table that fits on one line per cell keeps each
 * column's natural width (its longest cell on one line), widened in proportion to fill the text
 * width. One that does not: columns narrower than an even share of the width left keep their
 * natural width (a number, a date, a short name never wraps beside a column of prose), and the
 * wide columns share the rest, each at least its longest word, the remainder in proportion to what
 * each would like beyond that. When even the longest words do not fit, every column shrinks in
 * proportion to them (words are then cut between characters).
 */
function columnWidths(state: PdfState, rows: LaidCell[][], columns: number, available: number, padding: number): number[] {
  const { doc } = state
  const natural = new Array<number>(columns).fill(0)
  const minimum = new Array<number>(columns).fill(0)
  for (const row of rows) {
    row.forEach((cell, column) => {
      let line = 0
      for (const run of cell.runs) {
        doc.font(run.font ?? fontName(state.theme, run)).fontSize(cell.style.fontSize)
        line += doc.widthOfString(run.text)
        for (const word of run.text.split(/\s+/)) minimum[column] = Math.max(minimum[column]!, doc.widthOfString(word) + 2 * padding)
      }
      natural[column] = Math.max(natural[column]!, line + 2 * padding)
    })
  }
  const total = sum(natural)
  if (total <= available) return natural.map((w) => (w / total) * available)
  const widths = new Array<number>(columns).fill(0)
  let wide = natural.map((_, column) => column)
  let room = available
  // Settle the narrow columns first: settling one leaves more for the others, so repeat.
  for (;;) {
    const share = room / wide.length
    const narrow = wide.filter((column) => natural[column]! <= share)
    if (narrow.length === 0) break
    for (const column of narrow) {
      widths[column] = natural[column]!
      room -= natural[column]!
    }
    wide = wide.filter((column) => natural[column]! > share)
  }
  const least = sum(wide.map((column) => minimum[column]!))
  if (least > room) return shareByWords(natural, minimum, available)
  const wishes = sum(wide.map((column) => natural[column]! - minimum[column]!))
  for (const column of wide) widths[column] = minimum[column]! + ((natural[column]! - minimum[column]!) / wishes) * (room - least)
  return widths
}

/** Every column at least its longest word, the rest shared as each would like beyond that; all shrunk alike when the words alone overflow. */
function shareByWords(natural: number[], minimum: number[], available: number): number[] {
  const least = sum(minimum)
  if (least >= available) return minimum.map((w) => (w / least) * available)
  const wish = natural.map((w, i) => w - minimum[i]!)
  const wishes = sum(wish)
  return minimum.map((w, i) => w + (wish[i]! / wishes) * (available - least))
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0)
}
