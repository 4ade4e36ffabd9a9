/**
 * The archival copy carries its own source: the Markdown file and the local images it references,
 * embedded as PDF/A-3 associated files (`/AFRelationship /Source`, listed in the catalog's `/AF`).
 */
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { Definition } from 'mdast'
import { visit } from 'unist-util-visit'
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
  if (!file.path) return files
  const dir = path.dirname(path.resolve(file.path))
  for (const relative of localImagePaths(document)) {
    const full = path.resolve(dir, relative)
    // Only files inside the document's folder are embedded: nothing outside the content is read.
    if (path.relative(dir, full).startsWith('..') || !isFile(full)) continue
    const type = IMAGE_TYPES[path.extname(full).toLowerCase()] ?? 'application/octet-stream'
    files.push({ name: path.relative(dir, full).split(path.sep).join('/'), bytes: readFileSync(full), type, description: 'Image referenced by the Markdown source' })
  }
  return files
}

/** Relative URLs of images (`![alt](src)` and `![alt][ref]`), decoded, without query or fragment, deduplicated. */
function localImagePaths(document: Document): string[] {
  const definitions = new Map<string, Definition>()
  visit(document.tree, 'definition', (node: Definition) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  const urls: string[] = []
  visit(document.tree, (node) => {
    if (node.type === 'image') urls.push(node.url)
    if (node.type === 'imageReference') {
      const definition = definitions.get(node.identifier)
      if (definition) urls.push(definition.url)
    }
  })
  const paths = urls
    .filter((url) => url && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('/') && !url.startsWith('#'))
    .map((url) => safeDecode(url.replace(/[?#].*$/, '')))
  return [...new Set(paths)]
}

function safeDecode(url: string): string {
  try {
    return decodeURI(url)
  } catch {
    return url
  }
}

function isFile(full: string): boolean {
  try {
    return statSync(full).isFile()
  } catch {
    return false
  }
}

/** Embed every source file with fixed dates (the build date), so the PDF stays byte-reproducible. */
export function embedSourceFiles(doc: PDFKit.PDFDocument, document: Document): void {
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
}
