/** The PDF handler table: one handler per block-level mdast node type, checked by `PdfHandlers`. */
import type { Root } from 'mdast'
import type { PdfHandlers, PdfState } from '../state.js'
import { blockquote } from './blockquote.js'
import { code } from './code.js'
import { defList } from './definition-list.js'
import { footnoteDefinition } from './footnotes.js'
import { heading } from './heading.js'
import { html } from './html.js'
import { list, listItem } from './list.js'
import { paragraph } from './paragraph.js'
import { table } from './table.js'
import { thematicBreak } from './thematic-break.js'

/** Nodes that draw nothing themselves: their content is used elsewhere or is metadata. */
const ignore = () => {}

/** Phrasing nodes reaching block level (only inside tables and paragraphs in valid mdast). */
const phrasingAtBlockLevel = ignore

const root = (state: PdfState, node: Root) => state.all(node)

export const handlers = {
  root,
  heading,
  paragraph,
  blockquote,
  list,
  listItem,
  code,
  thematicBreak,
  table,
  html,
  footnoteDefinition,
  // Definitions resolve references; the yaml node was read into metadata by parse.
  definition: ignore,
  yaml: ignore,
  // Table rows and cells are drawn by `table`, a definition list's terms and definitions by `defList`.
  tableRow: ignore,
  tableCell: ignore,
  defList,
  defListTerm: ignore,
  defListDescription: ignore,
  text: phrasingAtBlockLevel,
  emphasis: phrasingAtBlockLevel,
  strong: phrasingAtBlockLevel,
  delete: phrasingAtBlockLevel,
  inlineCode: phrasingAtBlockLevel,
  break: phrasingAtBlockLevel,
  link: phrasingAtBlockLevel,
  linkReference: phrasingAtBlockLevel,
  image: phrasingAtBlockLevel,
  imageReference: phrasingAtBlockLevel,
  footnoteReference: phrasingAtBlockLevel,
} satisfies PdfHandlers
