/** render-pdf: `Document` → PDF bytes with pdfkit (PDF/A-3a + PDF/UA-1: tagged, outlined, fonts embedded, XMP, source attached). */
import { createHash } from 'node:crypto'
import type { Definition, FootnoteDefinition, Parents, RootContent } from 'mdast'
import PDFDocument from 'pdfkit'
import type { Document } from '../document.js'
import { walkBlocks } from '../walk-tree.js'
import type { Theme } from '../theme/load-theme.js'
import { registerFonts } from './fonts.js'
import { drawFootnotes } from './handlers/footnotes.js'
import { handlers } from './handlers/index.js'
import { drawBlocks } from './layout/floats.js'
import { drawPageFurniture } from './layout/page-furniture.js'
import { drawToc, reserveToc } from './layout/toc.js'
import { identifyNotes, tagLinkAnnotations } from './pdfua.js'
import { embedSourceFiles } from './attachments.js'
import { installXmp, pdfInfo } from './metadata.js'
import { compactPages } from './page-memory.js'
import { PageMapRecorder, type PageStart } from './page-map.js'
import { canEmbedSource, DEFAULT_PDF_STANDARD, isPdfStandard, pdfkitSubset, type PdfStandard } from './standard.js'
import type { PdfHandler, PdfState } from './state.js'
import { drawTitleBlock } from './title-block.js'

/** Options of the PDF writer. */
export interface PdfOptions {
  theme: Theme
  /** Archival standard; default: the theme's `pdf_standard`, else PDF/A-3a. */
  pdfStandard?: PdfStandard
}

/** A laid-out PDF: its bytes and where each of its pages begins in the source. */
export interface PdfLayout {
  bytes: Buffer
  pages: PageStart[]
}

/** Render a parsed document to a complete PDF file in memory. */
export async function renderPdf(document: Document, options: PdfOptions): Promise<Buffer> {
  return (await layoutPdf(document, options)).bytes
}

/** The standard a build uses: the option, else the theme's `pdf_standard`, else PDF/A-3a. */
export function resolvePdfStandard(options: PdfOptions): PdfStandard {
  const themed = options.theme.values.pdf_standard
  return options.pdfStandard ?? (isPdfStandard(themed) ? themed : DEFAULT_PDF_STANDARD)
}

/** Render a parsed document to PDF bytes plus its page map (which source block each page begins in). */
export async function layoutPdf(document: Document, options: PdfOptions): Promise<PdfLayout> {
  const { theme } = options
  const standard = resolvePdfStandard(options)
  const doc = new PDFDocument({
    // The document's own `papersize` wins over the theme's.
    size: document.meta.paperSize ?? String(theme.values.page_size),
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
    // No default font: pdfkit would parse Helvetica's metrics for every document, and every text
    // is set in the theme's fonts (registered below).
    font: null as unknown as string,
    // Furniture and the contents are drawn last, when page count and heading pages are known.
    bufferPages: true,
    subset: pdfkitSubset(standard),
  })
  // pdfkit derives the file ID from the Info values only; add the content so that two documents
  // with equal metadata differ, and nothing machine-specific (paths, clocks) enters it.
  ;(doc as unknown as { _id: Buffer })._id = createHash('md5').update(`${document.contentId}\n${standard}\n${JSON.stringify(pdfInfo(document))}`).digest()
  const done = collect(doc)
  installXmp(doc, document, standard)
  registerFonts(doc, theme)
  if (canEmbedSource(standard)) embedSourceFiles(doc, document)
  const state = createState(doc, theme, document)
  doc.addStructure(state.struct)
  tagLinkAnnotations(doc, () => state.struct)
  identifyNotes(doc)
  const pageMap = new PageMapRecorder(doc)
  state.pageMap = pageMap
  compactPages(doc)
  doc.addPage()
  const titlePage = drawTitleBlock(state)
  const toc = reserveToc(state)
  state.all(document.tree)
  drawFootnotes(state)
  if (toc) drawToc(state, toc)
  drawPageFurniture(state, titlePage ? { titlePage: 0 } : { titleBlockPage: 0 })
  state.struct.end()
  doc.end()
  return { bytes: await done, pages: pageMap.pages }
}

function createState(doc: PDFKit.PDFDocument, theme: Theme, document: Document): PdfState {
  const definitions = new Map<string, Definition>()
  const footnotes = new Map<string, FootnoteDefinition>()
  walkBlocks(document.tree, (node) => {
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
      state.pageMap?.enter(node)
      try {
        handler(state, node, parent)
      } finally {
        state.pageMap?.leave(node)
      }
    },
    all(parent: Parents) {
      drawBlocks(state, parent)
    },
  }
  return state
}

/**
 * The PDF's bytes as pdfkit writes them. pdfkit pushes every object in several tiny chunks while
 * layout runs synchronously, so its readable stream would hold them all, each with its own
 * ArrayBuffer (80,000 for a 300-page book), until the end: they are joined before they reach it.
 */
function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = []
  const stream = doc as unknown as { push(chunk: Buffer | null): boolean }
  const push = stream.push.bind(doc)
  let pending: Buffer[] = []
  const join = () => {
    if (pending.length > 0) push(Buffer.concat(pending))
    pending = []
  }
  stream.push = (chunk) => {
    if (chunk === null) {
      join()
      return push(null)
    }
    pending.push(chunk)
    if (pending.length >= 1024) join()
    return true
  }
  return new Promise((resolve, reject) => {
    // The header, pushed when the document was made, arrives first.
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}
