/** render-pdf: `Document` → PDF bytes with pdfkit (tagged, outlined, fonts embedded, XMP). */
import type { Definition, FootnoteDefinition, Parents, RootContent } from 'mdast'
import PDFDocument from 'pdfkit'
import { visit } from 'unist-util-visit'
import type { Document } from '../document.js'
import type { Theme } from '../theme/load-theme.js'
import { registerFonts } from './fonts.js'
import { drawFootnotes } from './handlers/footnotes.js'
import { handlers } from './handlers/index.js'
import { drawPageFurniture } from './layout/page-furniture.js'
import { drawToc, reserveToc } from './layout/toc.js'
import { installXmp, pdfInfo } from './metadata.js'
import type { PdfHandler, PdfState } from './state.js'
import { drawTitleBlock } from './title-block.js'

/** Options of the PDF writer. */
export interface PdfOptions {
  theme: Theme
}

/** Render a parsed document to a complete PDF file in memory. */
export async function renderPdf(document: Document, options: PdfOptions): Promise<Buffer> {
  const { theme } = options
  const doc = new PDFDocument({
    size: String(theme.values.page_size),
    margins: {
      top: Number(theme.values.page_margin_top),
      bottom: Number(theme.values.page_margin_bottom),
      left: Number(theme.values.page_margin_left),
      right: Number(theme.values.page_margin_right),
    },
    // 1.7 is the lowest version for which pdfkit writes an XMP packet at all.
    pdfVersion: '1.7',
    tagged: true,
    lang: document.meta.lang,
    displayTitle: true,
    info: pdfInfo(document),
    autoFirstPage: false,
    // Furniture and the contents are drawn last, when page count and heading pages are known.
    bufferPages: true,
  })
  const done = collect(doc)
  installXmp(doc, document)
  registerFonts(doc, theme)
  const state = createState(doc, theme, document)
  doc.addStructure(state.struct)
  doc.addPage()
  const titlePage = drawTitleBlock(state)
  const toc = reserveToc(state)
  state.all(document.tree)
  drawFootnotes(state)
  if (toc) drawToc(state, toc)
  drawPageFurniture(state, titlePage ? { titlePage: 0 } : { titleBlockPage: 0 })
  state.struct.end()
  doc.end()
  return done
}

function createState(doc: PDFKit.PDFDocument, theme: Theme, document: Document): PdfState {
  const definitions = new Map<string, Definition>()
  const footnotes = new Map<string, FootnoteDefinition>()
  visit(document.tree, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node)
    if (node.type === 'footnoteDefinition' && !footnotes.has(node.identifier)) footnotes.set(node.identifier, node)
  })
  const state: PdfState = {
    doc,
    theme,
    document,
    struct: doc.struct('Document'),
    indent: 0,
    textCategory: 'base',
    definitions,
    footnotes,
    footnoteOrder: [],
    outlineStack: [],
    one(node: RootContent, parent: Parents | undefined) {
      const handler = handlers[node.type] as PdfHandler
      handler(state, node, parent)
    },
    all(parent: Parents) {
      for (const child of parent.children) state.one(child as RootContent, parent)
    },
  }
  return state
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = []
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}
