/**
 * Where a Markdown text can be cut into pieces that parse on their own exactly as they parse in the
 * whole: before a line that starts a new top-level block after a blank line, outside frontmatter,
 * fenced code and the HTML blocks that run across blank lines.
 */

/** A place to cut: the offset of a line start and its 1-based line number. */
export interface Cut {
  offset: number
  line: number
  /**
   * The cut is between two rows of a table: the piece after it is parsed with the table's header
   * and delimiter rows before it, and its rows join the table the piece before it ends with.
   */
  table?: string
}

/** Lines that continue a list after a blank line (so cutting there would split one list in two). */
const LIST_MARKER = /^([-+*]|\d{1,9}[.)])([ \t]|$)/
/** A definition's line (`: text`): it continues a definition list, and makes the line before it a term. */
const DEFINITION = /^:[ \t]/
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/
/** HTML blocks of CommonMark kinds 1–5 end at a marker, not at a blank line. */
const HTML_OPEN: [RegExp, RegExp][] = [
  [/^ {0,3}<(script|pre|style|textarea)([ \t>]|$)/i, /<\/(script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
]

const DELIMITER_ROW = /^\|(?:[ \t]*:?-+:?[ \t]*\|)*[ \t]*:?-+:?[ \t]*\|?[ \t]*$/

/** Cells of a table row as GFM splits them: at pipes not escaped by a backslash, outer pipes trimmed. */
function cellCount(row: string): number {
  const inner = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '')
  return inner.split(/(?<!\\)\|/).length
}

/**
 * Whether `line` and `next` open a GFM table that may be cut between its rows: a header and a
 * delimiter row with as many cells, both written with a leading pipe at the margin (a narrower
 * rule than GFM's: anything else is simply never cut inside).
 */
function opensTable(line: string, next: string): boolean {
  return line.startsWith('|') && DELIMITER_ROW.test(next) && cellCount(line) === cellCount(next)
}

/** Options of `findCuts`. */
export interface CutOptions {
  /** Also cut between the rows of long tables (default true). */
  tables?: boolean
}

/**
 * Cut `text` into pieces of at least `size` characters at safe places; `[]` when it is one piece.
 * Safe means conservative: a construct this scanner mistakes for an open fence or HTML block only
 * delays the next cut, it never cuts inside a block, but for the rows of a table (see `Cut.table`).
 */
export function findCuts(text: string, size: number, options: CutOptions = {}): Cut[] {
  const cuts: Cut[] = []
  let fence: { char: string; length: number } | undefined
  let htmlEnd: RegExp | undefined
  /** The open table's header and delimiter rows, and whether a body row has been seen. */
  let table: { prefix: string; rows: number } | undefined
  let previousBlank = false
  let pieceStart = 0
  let line = 1
  let start = 0
  if (/^---[ \t]*\r?\n/.test(text)) {
    // Frontmatter runs to the next `---` line; without one the whole text stays one piece.
    const close = /\r?\n---[ \t]*(\r?\n|$)/.exec(text.slice(3))
    if (!close) return []
    const end = 3 + close.index + close[0].length
    line += text.slice(0, end).split('\n').length - 1
    start = end
  }
  const bodyStart = start
  while (start < text.length) {
    const newline = text.indexOf('\n', start)
    const end = newline === -1 ? text.length : newline + 1
    const content = text.slice(start, newline === -1 ? text.length : newline).replace(/\r$/, '')
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(content)
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined
    } else if (htmlEnd) {
      if (htmlEnd.test(content)) htmlEnd = undefined
    } else {
      const blank = /^[ \t]*$/.test(content)
      if (table && !content.startsWith('|')) table = undefined
      if (table && table.rows > 1 && start - pieceStart >= size) {
        cuts.push({ offset: start, line, table: table.prefix })
        pieceStart = start
      }
      if (table) table.rows++
      else if ((previousBlank || start === bodyStart) && options.tables !== false && opensTable(content, nextLine(text, end))) table = { prefix: `${content}\n${nextLine(text, end)}\n`, rows: 0 }
      if (previousBlank && !blank && !/^[ \t]/.test(content) && !LIST_MARKER.test(content) && start - pieceStart >= size && !inDefinitionList(content, text, end)) {
        cuts.push({ offset: start, line })
        pieceStart = start
      }
      const open = FENCE_OPEN.exec(content)
      if (open?.[1] && !(open[1][0] === '`' && open[2]?.includes('`'))) fence = { char: open[1][0]!, length: open[1].length }
      const html = HTML_OPEN.find(([opener]) => opener.test(content))
      if (html && !html[1].test(content.replace(html[0], ''))) htmlEnd = html[1]
      previousBlank = blank
    }
    if (fence || htmlEnd) previousBlank = false
    start = end
    line++
  }
  return cuts
}

/**
 * Whether a cut before `content` (whose line ends at `end`) would split a definition list: it is a
 * definition, or it starts the terms of one (lines of text, then a definition, perhaps after one
 * blank line).
 */
function inDefinitionList(content: string, text: string, end: number): boolean {
  if (DEFINITION.test(content)) return true
  let start = end
  let line = nextLine(text, start)
  const advance = () => {
    start = text.indexOf('\n', start) + 1 || text.length
    line = nextLine(text, start)
  }
  while (start < text.length && !/^[ \t]*$/.test(line) && !DEFINITION.test(line)) advance()
  if (start < text.length && /^[ \t]*$/.test(line)) advance()
  return DEFINITION.test(line)
}

/** The line starting at `start`, without its line ending. */
function nextLine(text: string, start: number): string {
  const newline = text.indexOf('\n', start)
  return text.slice(start, newline === -1 ? text.length : newline).replace(/\r$/, '')
}
