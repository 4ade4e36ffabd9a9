/** render-epub: `Document` → EPUB 3 bytes through epub-gen-memory, with offprint's own templates. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
// The named export: the CommonJS package's default export differs between Node's loader and bundlers.
import { EPub } from 'epub-gen-memory'
import type { Document } from '../document.js'
import { contentsTitle } from '../labels.js'
import { fromRoot } from '../package-root.js'
import type { PageStart } from '../render-pdf/page-map.js'
import type { Theme } from '../theme/load-theme.js'
import { themeToCss } from '../theme/theme-to-css.js'
import { accessibilityFacts, accessibilityMetadata } from './accessibility.js'
import { navHtml, navTree, ncxNavPoints } from './nav.js'
import { insertPageMarkers, pageListHtml } from './page-markers.js'
import { documentToHast, toXhtml } from './to-hast.js'
import { ZLIB_DEFLATE } from './zip-deflate.js'

/** Options of the EPUB writer. */
export interface EpubOptions {
  theme: Theme
  /**
   * Where the PDF edition's pages begin (`layoutPdf(…).pages`), for the page-list, the page-break
   * markers and the `page-source` dc:source; absent: an EPUB without print page equivalence.
   */
  pages?: PageStart[]
}

const TEMPLATE_DIR = fromRoot('templates', 'epub')
const templates = new Map<string, string>()
/** An EPUB template's text, read once per process (a batch renders many documents with the same four). */
const template = (name: string): string => {
  let text = templates.get(name)
  if (text === undefined) templates.set(name, (text = readFileSync(path.join(TEMPLATE_DIR, name), 'utf8')))
  return text
}

/** The file holding the document body inside the EPUB. */
const BODY_FILE = 'text.xhtml'

/** Languages written right to left (the EPUB declares `dir="rtl"` for them). */
const RTL = new Set(['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug', 'dv', 'ku-arab'])

/**
 * Characters as themselves where epub-gen-memory wrote references: it parses each chapter and
 * writes it again with dom-serializer's XML mode, which writes every character past ASCII as a
 * reference (`é` → `&#xE9;`, each Arabic letter eight bytes for two). `&`, `<` and `>` stay
 * escaped (written as `&amp;` and the like, never as numeric references), and a reference the
 * author typed is written `&amp;#x…;`, which this leaves as it is.
 */
function withCharacters(xhtml: string): string {
  return xhtml.replace(/&#x([0-9a-f]+);/gi, (reference, hex: string) => {
    const code = parseInt(hex, 16)
    // C1 controls stay references (discouraged in XML as characters).
    return code >= 0xa0 ? String.fromCodePoint(code) : reference
  })
}

/**
 * epub-gen-memory with its two sources of non-determinism removed: random image names
 * (renamed by order of appearance) and zip entry times (set to the document's build date), and
 * its chapters' text written as characters, not references.
 */
class ReproducibleEpub extends EPub {
  constructor(
    options: ConstructorParameters<typeof EPub>[0],
    content: ConstructorParameters<typeof EPub>[1],
    private readonly date: Date,
    private readonly imageData: Map<string, Buffer>,
    private readonly coverData?: Buffer,
  ) {
    super(options, content)
    for (const chapter of this.content) chapter.content = withCharacters(chapter.content)
    this.images.forEach((image, index) => {
      const name = `image-${index + 1}`
      for (const chapter of this.content) chapter.content = chapter.content.split(image.id).join(name)
      image.id = name
    })
  }

  /** Images come from the vetted assets in memory; epub-gen-memory would fetch any URL or file. */
  override async downloadAllImages(): Promise<void> {
    if (this.images.length === 0) return
    const folder = this.zip.folder('OEBPS')!.folder('images')!
    for (const image of this.images) {
      const data = this.imageData.get(image.url)
      if (!data) throw new Error(`assert: image ${image.url} was not vetted`)
      folder.file(`${image.id}.${image.extension}`, data)
    }
  }

  /** The vetted cover from memory (epub-gen-memory would fetch or read the file it names). */
  override async makeCover(): Promise<void> {
    if (!this.cover || !this.coverData) return
    this.zip.folder('OEBPS')!.file(`cover.${this.cover.extension}`, this.coverData)
  }

  override async genEpub(): Promise<Buffer> {
    await this.render()
    this.zip.forEach((_path, file) => {
      file.date = this.date
    })
    return this.generateAsync({ type: 'nodebuffer', mimeType: 'application/epub+zip', compression: ZLIB_DEFLATE as 'DEFLATE', compressionOptions: { level: 9 } })
  }
}

/** Render a parsed document to a complete EPUB 3 file in memory. */
export async function renderEpub(document: Document, options: EpubOptions): Promise<Buffer> {
  const { meta } = document
  const dir = RTL.has(meta.lang.toLowerCase().split('-')[0] ?? '') ? 'rtl' : 'ltr'
  const entries = navTree(document, BODY_FILE)
  const ncx = ncxNavPoints(entries)
  const pages = options.pages ?? []
  const images = new Map<string, Buffer>()
  const body = documentToHast(document, images)
  const cover = meta.coverImage ? document.assets.get(meta.coverImage) : undefined
  insertPageMarkers(body, pages)
  const book = {
    identifier: meta.identifier ?? document.contentId,
    title: meta.title,
    subtitle: meta.subtitle,
    authors: meta.authors,
    lang: meta.lang,
    dir,
    date: meta.date,
    publisher: meta.publisher,
    description: meta.description,
    source: meta.source,
    rights: meta.rights,
    keywords: meta.keywords,
    credits: meta.credits,
    modified: document.buildDate.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    accessibility: accessibilityMetadata(accessibilityFacts(document, pages.length)),
    tocTitle: contentsTitle(options.theme, meta.lang),
    navHtml: navHtml(entries),
    pageListHtml: pages.length > 0 ? toXhtml(pageListHtml(pages, BODY_FILE)) : '',
    // The page-list follows the PDF edition, which carries the same identifier (EPUB 3.2 source-of;
    // EPUB 3.3's pageBreakSource is unknown to epubcheck 4.2).
    pageSource: pages.length > 0 ? meta.identifier ?? document.contentId : undefined,
    ncxHtml: ncx.xml,
    ncxDepth: ncx.depth,
    bodyHref: BODY_FILE,
  }
  const epub = new ReproducibleEpub(
    {
      title: meta.title,
      author: meta.authors,
      lang: meta.lang,
      css: themeToCss(options.theme),
      contentOPF: template('content.opf.ejs'),
      tocXHTML: template('toc.xhtml.ejs'),
      tocNCX: template('toc.ncx.ejs'),
      chapterXHTML: template('chapter.xhtml.ejs'),
      prependChapterTitles: false,
      // Only vetted local files are referenced; nothing is fetched over the network.
      fetchTimeout: 5000,
      retryTimes: 1,
      verbose: false,
      // Only its name is read (for the media type); the bytes come from the vetted asset.
      cover: cover ? `cover.${cover.type === 'jpg' ? 'jpg' : 'png'}` : undefined,
      book,
    } as ConstructorParameters<typeof EPub>[0],
    [{ title: meta.title, content: toXhtml(body), filename: BODY_FILE, id: 'text', dir } as ConstructorParameters<typeof EPub>[1][number]],
    document.buildDate,
    images,
    cover?.data,
  )
  return epub.genEpub()
}
