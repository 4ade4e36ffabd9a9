/** The state every PDF handler shares: the pdfkit document, the theme, and the current structure. */
import type { Definition, FootnoteDefinition, Nodes, Parents, RootContent } from 'mdast'
import type { Document } from '../document.js'
import type { Theme } from '../theme/load-theme.js'
import type { PageMapRecorder } from './page-map.js'

/** A handler draws one mdast node type. */
export type PdfHandler<T extends Nodes = Nodes> = (state: PdfState, node: T, parent: Parents | undefined) => void

/** One handler per block-level mdast node type (phrasing content is laid out by `inline/`). */
export type PdfHandlers = {
  [T in RootContent['type'] | 'root']: PdfHandler<Extract<Nodes, { type: T }>>
}

/** Mutable layout state of one PDF being drawn. */
export interface PdfState {
  doc: PDFKit.PDFDocument
  theme: Theme
  document: Document
  /** Structure element that new content is tagged under (Document, then L, LI, BlockQuote…). */
  struct: PDFKit.PDFStructureElement
  /** Left indent from the margin, grown by block quotes and lists. */
  indent: number
  /** Narrower text width while a table cell is drawn (undefined: up to the right margin). */
  widthLimit?: number
  /** Theme category of body text here: `base`, or `blockquote` inside a quote. */
  textCategory: 'base' | 'blockquote' | 'footnote'
  /** Link and image reference definitions by normalised label. */
  definitions: Map<string, Definition>
  footnotes: Map<string, FootnoteDefinition>
  /** Footnote numbers in order of first reference. */
  footnoteOrder: string[]
  /** How many of `footnoteOrder` have been drawn (notes are drawn at the end of each top-level section). */
  footnotesDrawn?: number
  /** Open outline items, one per heading depth (index 0 is the title's item). */
  outlineStack: { depth: number; item: PDFKit.PDFOutline }[]
  /** Notes which block each page begins in (for the EPUB's page-list). */
  pageMap?: PageMapRecorder
  /** Draw a node with its handler. */
  one(node: RootContent, parent: Parents | undefined): void
  /** Draw every child of a node, in order. */
  all(parent: Parents): void
}

/** Width available for text at the current indent. */
export function contentWidth(state: PdfState): number {
  const page = state.doc.page
  const width = page.width - page.margins.left - page.margins.right - state.indent
  return state.widthLimit === undefined ? width : Math.min(width, state.widthLimit)
}

/** Run `draw` with its content tagged as a new structure element of `type` under the current one. */
export function withStructure(state: PdfState, type: string, draw: () => void): void {
  const element = state.doc.struct(type)
  state.struct.add(element)
  const parent = state.struct
  state.struct = element
  try {
    draw()
  } finally {
    state.struct = parent
    element.end()
  }
}

/** Run `draw` as marked content of a new leaf structure element of `type` (P, H1, Code…). */
export function withContent(state: PdfState, type: string, draw: () => void): void {
  const element = state.doc.struct(type, {}, [draw])
  state.struct.add(element)
  element.end()
}

type PageMarkings = { page: object; endPageMarkings(page: object): object[]; initPageMarkings(markings: object[]): void }

/**
 * Draw an artifact (a sign with no text of its own) where tagged content may be open: the open
 * marked content is closed around it and reopened after, as pdfkit does at a page break. Nested
 * in real content, an artifact breaks PDF/UA, and pdfkit's `markContent('Artifact')` closes the
 * open content without reopening it (the text after it untagged, one EMC too many).
 */
export function drawArtifact(state: PdfState, draw: () => void): void {
  const doc = state.doc as unknown as PageMarkings
  const open = doc.endPageMarkings(doc.page)
  state.doc.save().markContent('Artifact', { type: 'Layout' })
  draw()
  state.doc.endMarkedContent().restore()
  doc.initPageMarkings(open)
}

/** Run `work` with the text set in a box at page x `x`, `width` wide (a table cell, a code panel's inside): measuring and drawing see the same measure. */
export function inBox<T>(state: PdfState, x: number, width: number, work: () => T): T {
  const saved = { indent: state.indent, limit: state.widthLimit }
  state.indent = x - state.doc.page.margins.left
  state.widthLimit = Math.max(width, 1)
  try {
    return work()
  } finally {
    state.indent = saved.indent
    state.widthLimit = saved.limit
  }
}

/**
 * The deepest indent allowed: half the text width. Deeply nested quotes and lists stop moving right
 * there instead of pushing their text off the page (or making pdfkit wrap into a negative width).
 */
function maxIndent(state: PdfState): number {
  const page = state.doc.page
  return (page.width - page.margins.left - page.margins.right) / 2
}

/** Run `draw` with the indent grown by `points` (up to half the text width), restoring it afterwards. */
export function indented(state: PdfState, points: number, draw: () => void): void {
  const previous = state.indent
  state.indent = Math.min(previous + points, Math.max(previous, maxIndent(state)))
  try {
    draw()
  } finally {
    state.indent = previous
  }
}

/** pdfkit's outline item options; its typings know only `expanded`. */
interface OutlineOptions {
  expanded?: boolean
  /** Distance of the view's top from the page top. */
  top?: number
  /** pdfkit measures this from the page's right edge: the page width puts the view at x = 0. */
  left?: number
  zoom?: number
}

/** Add an outline item that opens the page at `y`, scrolled to the left edge. */
export function addOutlineItem(state: PdfState, parent: PDFKit.PDFOutline, title: string): PDFKit.PDFOutline {
  const { doc } = state
  const options: OutlineOptions = { top: doc.y, left: doc.page.width, zoom: 0, expanded: true }
  return parent.addItem(title, options)
}
