/**
 * The one Markdown processor: CommonMark + GFM + YAML frontmatter, producing mdast.
 * Large texts are parsed in pieces: remark-parse's container handling is super-linear (a 1 MB text
 * of lists and quotes takes ~10 s and ~500 MB in one go), while pieces of a few dozen kB parse in
 * linear total time. The pieces' trees are joined into exactly the tree of the one-shot parse.
 */
import type { Nodes, Root, RootContent } from 'mdast'
import { normalizeIdentifier } from 'micromark-util-normalize-identifier'
import remarkFrontmatter from 'remark-frontmatter'
import { remarkDefinitionList } from 'remark-definition-list'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { walkBlocks, walkTree } from '../walk-tree.js'
import { findCuts, type Cut } from './split-blocks.js'

// A single `~` is no strike-through, as in pandoc: `H~2~O` is a subscript (parse/scripts.ts).
const processor = unified().use(remarkParse).use(remarkGfm, { singleTilde: false }).use(remarkDefinitionList).use(remarkFrontmatter, ['yaml']).freeze()

/** Texts shorter than this are parsed in one go; longer ones in pieces of about this size. */
export const PIECE_SIZE = 32 * 1024

/** Parse Markdown text into mdast with positions (line and column of every node). */
export function parseMarkdown(text: string, pieceSize = PIECE_SIZE): Root {
  if (text.length <= pieceSize) return processor.parse(text)
  try {
    return parseCut(text, findCuts(text, pieceSize))
  } catch (error) {
    // A table the scanner took for one that GFM does not see as such: cut only between blocks.
    if (!(error instanceof TableSeamError)) throw error
    return parseCut(text, findCuts(text, pieceSize, { tables: false }))
  }
}

/** A piece cut between table rows did not continue the table the piece before it ended with. */
class TableSeamError extends Error {}

function parseCut(text: string, cuts: Cut[]): Root {
  if (cuts.length === 0) return processor.parse(text)
  const starts: Cut[] = [{ offset: 0, line: 1 }, ...cuts]
  const pieces = starts.map((start, index) => {
    const piece = text.slice(start.offset, starts[index + 1]?.offset ?? text.length)
    return { ...start, text: piece, mentioned: mentions(piece) }
  })
  // A reference resolves only when its definition exists somewhere in the text. Each piece is
  // parsed with the definitions that a line scan finds elsewhere and that it mentions; the scan
  // is checked against the definitions the parse really found, and a piece it got wrong is
  // parsed again with the true ones (labels over several lines, definitions inside fences).
  const guessed = scanDefinitions(text)
  const parsed = pieces.map((piece) => {
    const given = [...guessed].filter(([id]) => piece.mentioned.has(id))
    return { given: new Set(given.map(([id]) => id)), children: parsePiece(piece, given) }
  })
  const own = parsed.map(({ children }) => definitionsIn(children))
  const real = new Map<string, string>()
  for (const definitions of own) for (const [id, source] of definitions) real.set(id, source)
  const children: RootContent[] = []
  pieces.forEach((piece, index) => {
    const { given, children: first } = parsed[index]!
    const needed = [...real].filter(([id]) => piece.mentioned.has(id) && !own[index]!.has(id))
    const right = [...given].every((id) => real.has(id)) && needed.every(([id]) => given.has(id))
    const result = right ? first : parsePiece(piece, needed)
    if (piece.table) joinTable(children, result)
    for (const child of result) children.push(child)
  })
  const end = endPoint(text)
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } }
}

/**
 * Move the rows of the table a piece cut between table rows starts with (its first child, whose
 * header row came from the prefix) into the table the pieces before it end with.
 */
function joinTable(children: RootContent[], own: RootContent[]): void {
  const head = children.at(-1)
  const rest = own.shift()
  if (head?.type !== 'table' || rest?.type !== 'table') throw new TableSeamError()
  for (const row of rest.children.slice(1)) head.children.push(row)
  head.position!.end = rest.position!.end
}

/**
 * Parse one piece and move its positions to where it sits in the whole text. `definitions` are
 * parsed along with it (before it, or after the first piece so frontmatter stays on line 1) and
 * dropped from the result. Later pieces always get a leading newline: frontmatter is recognised
 * only on line 1, and a piece's `---` line is a thematic break. A piece cut between table rows
 * gets the table's header and delimiter rows too, and starts with that table.
 */
function parsePiece(piece: Cut & { text: string }, given: [string, string][]): RootContent[] {
  const { text, offset, line } = piece
  const definitions = given.map(([, source]) => `${source}\n\n`).join('')
  const table = piece.table ?? ''
  const before = offset === 0 ? '' : `\n${definitions}${table}`
  const after = offset === 0 && definitions ? `\n${definitions}` : ''
  const tree = processor.parse(before + text + after)
  const lines = before.split('\n').length - 1
  const children = tree.children.filter((node) => {
    const at = node.position!.start.offset!
    return (at >= before.length && at < before.length + text.length) || (table !== '' && at === before.length - table.length)
  })
  if (lines !== line - 1 || before.length !== offset) {
    for (const child of children) {
      walkTree(child as Nodes, (node) => {
        if (!node.position) return
        node.position.start.line += line - 1 - lines
        node.position.end.line += line - 1 - lines
        node.position.start.offset! += offset - before.length
        node.position.end.offset! += offset - before.length
      })
    }
  }
  return children
}

/** Link and footnote definitions of a piece, keyed `link:ID` / `note:ID`, with source text that defines the same. */
function definitionsIn(children: RootContent[]): Map<string, string> {
  const found = new Map<string, string>()
  for (const child of children) {
    walkBlocks(child as Nodes, (node) => {
      if (node.type === 'definition' && node.label !== undefined && node.label !== null) found.set(`link:${normalizeIdentifier(node.label)}`, `[${node.label}]: #`)
      if (node.type === 'footnoteDefinition' && node.label !== undefined && node.label !== null) found.set(`note:${normalizeIdentifier(node.label)}`, `[^${node.label}]: note`)
    })
  }
  return found
}

const DEFINITION_LINE = /^(?:[ \t]*>)*[ \t]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)?(?:[ \t]*>)*[ \t]*\[(\^?)((?:[^\[\]\\\n]|\\.)+)\]:/gm

/** Definitions a line scan finds (a guess: the parse decides), keyed as in `definitionsIn`. */
function scanDefinitions(text: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const match of text.matchAll(DEFINITION_LINE)) {
    const [, caret, label] = match
    if (caret) found.set(`note:${normalizeIdentifier(label!)}`, `[^${label}]: note`)
    else found.set(`link:${normalizeIdentifier(label!)}`, `[${label}]: #`)
  }
  return found
}

const BRACKETED = /\[((?:[^\[\]\\]|\\.)*)\]/g

/** Every label a piece may refer to: the normalized text of each bracketed span, keyed both ways. */
function mentions(text: string): Set<string> {
  const found = new Set<string>()
  for (const [, inner] of text.matchAll(BRACKETED)) {
    const label = inner!.startsWith('^') ? inner!.slice(1) : inner!
    found.add(`note:${normalizeIdentifier(label)}`)
    found.add(`link:${normalizeIdentifier(inner!)}`)
  }
  return found
}

/** The point just after the last character, as micromark reports the root's end. */
function endPoint(text: string): { line: number; column: number; offset: number } {
  let line = 1
  let lineStart = 0
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    line++
    lineStart = index + 1
  }
  return { line, column: text.length - lineStart + 1, offset: text.length }
}
