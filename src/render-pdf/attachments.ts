/**
 * The archival copy carries its own source: the Markdown file and the local images it references,
 * embedded as PDF/A-3 associated files (`/AFRelationship /Source`, listed in the catalog's `/AF`).
 */
import path from 'node:path'
import type { Document } from '../document.js'

/** One file embedded in the PDF, named by its path relative to the Markdown file (POSIX separators). */
export interface SourceFile {
  name: string
  bytes: Buffer
  /** MIME type, written as the embedded file's `/Subtype`. */
  type: string
  description: string
}

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
}

/** The Markdown source first, then each referenced local image once, in order of first use. */
export function sourceFiles(document: Document): SourceFile[] {
  const { file } = document
  const name = file.path ? path.basename(file.path) : 'source.md'
  const files: SourceFile[] = [{ name, bytes: Buffer.from(String(file.value), 'utf8'), type: 'text/markdown', description: 'Markdown source of this document' }]
  // Only vetted images (src/parse/assets.ts: inside the content root, symlinks resolved) are embedded.
  for (const [url, asset] of document.assets) {
    const name = /^https?:/i.test(url) ? remoteName(url) : safeDecode(url.replace(/[?#].*$/, '')).replace(/^\.\//, '')
    // The file as the author wrote it, not the PNG a GIF was converted to.
    const { data, type } = asset.original ?? asset
    files.push({ name, bytes: data, type: IMAGE_TYPES[`.${type}`]!, description: 'Image referenced by the Markdown source' })
  }
  return files
}

/** A fetched image is attached as `remote/<host>/<file name>`, never under a name taken whole from its URL. */
function remoteName(url: string): string {
  const parsed = new URL(url)
  const base = path.posix.basename(parsed.pathname).replace(/[^\w.-]/g, '_') || 'image'
  return `remote/${parsed.hostname}/${base}`
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}

type EmbeddedFileBody = { Type?: string; Params?: { CheckSum?: unknown } }

/**
 * Embed every source file with fixed dates (the build date), so the PDF stays byte-reproducible.
 * pdfkit writes the MD5 `CheckSum` as 32 hex digits in a text string; ISO 32000 (7.11.4.2) asks
 * for the 16 bytes of the digest, a byte string: it is converted as the file's object is made.
 */
export function embedSourceFiles(doc: PDFKit.PDFDocument, document: Document): void {
  const internals = doc as unknown as { ref(body: EmbeddedFileBody): unknown }
  const ref = internals.ref
  internals.ref = function (this: unknown, body: EmbeddedFileBody) {
    const sum = body?.Type === 'EmbeddedFile' ? body.Params?.CheckSum : undefined
    if (sum instanceof String && /^[0-9a-f]{32}$/i.test(String(sum))) body.Params!.CheckSum = new Uint8Array(Buffer.from(String(sum), 'hex'))
    return ref.call(this, body)
  }
  try {
    for (const source of sourceFiles(document)) {
      doc.file(source.bytes, {
        name: source.name,
        type: source.type,
        description: source.description,
        relationship: 'Source',
        creationDate: document.buildDate,
        modifiedDate: document.buildDate,
      } as PDFKit.Mixins.PDFAttachmentOptions)
    }
  } finally {
    internals.ref = ref
  }
}
