/** Reading a built PDF back the way readers' tools do: text per page, metadata, outline, structure. */
import { readFileSync } from 'node:fs'
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs'

/** A run of laid-out text: what pdf.js sees on a page. */
export interface TextItem {
  text: string
  fontSize: number
  x: number
  /** Distance of the baseline from the page bottom. */
  y: number
  /** Advance width of the run of text, in points. */
  width: number
  fontName: string
}

/** An outline (bookmark) entry with its children. */
export interface OutlineItem {
  title: string
  items: OutlineItem[]
}

/** What a reader's tools see in a PDF. */
export interface PdfView {
  pages: TextItem[][]
  /** Height of each page in points (pdf.js y runs up from the page bottom). */
  pageHeights: number[]
  /** Width of each page in points. */
  pageWidths: number[]
  /** All text, page after page, lines joined with spaces (a word hyphenated at a line end joined again, as Firefox's search does). */
  text: string
  /**
   * All text as pdf.js's own find (Firefox's search) and its text layer (copy) join it: items
   * one after the other, a line feed where an item ends a line. Spaces are only those pdf.js sees.
   */
  searchText: string
  info: Record<string, unknown>
  /** The raw XMP packet (pdfkit writes it uncompressed). */
  xmp: string
  outline: OutlineItem[]
  /** Structure tree roles, depth-first (`Document`, `H1`, `P`…). */
  structureRoles: string[]
  /** URIs of link annotations, page after page. */
  links: string[]
  /** Internal link targets: named destinations used by link annotations. */
  internalLinks: string[]
  /**
   * What a screen reader reads for each `Link` structure element: the text of its marked content,
   * white space collapsed (page after page; a link over a page break appears on both), and how many
   * object references (annotations) it holds.
   */
  linkElements: { text: string; annotations: number }[]
  /** Named destinations defined in the file. */
  destinations: string[]
  /** Embedded files (associated files, attachments): name → bytes. */
  attachments: Record<string, Buffer>
}

type StructNode = { role?: string; children?: StructNode[]; type?: string; id?: string }

/** The text of each marked-content id of a page (pdf.js's `includeMarkedContent` stream). */
function markedText(items: unknown[]): Map<string, string> {
  const texts = new Map<string, string>()
  const open: string[] = []
  for (const item of items as { type?: string; id?: string; str?: string }[]) {
    if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.push(item.id ?? '')
    else if (item.type === 'endMarkedContent') open.pop()
    else if (item.str !== undefined) for (const id of open) if (id) texts.set(id, (texts.get(id) ?? '') + item.str)
  }
  return texts
}

/** Each `Link` element under `node`, with the text of its content and its annotation count. */
function linkElements(node: StructNode | null, texts: Map<string, string>, out: { text: string; annotations: number }[]): void {
  if (!node) return
  if (node.role === 'Link') {
    const children = node.children ?? []
    const text = children.filter((child) => child.type === 'content').map((child) => texts.get(child.id!) ?? '').join('')
    // pdf.js calls an object reference `annotation` or `object` (as it finds the annotation or not).
    out.push({ text: text.replace(/\s+/g, ' ').trim(), annotations: children.filter((child) => child.type === 'annotation' || child.type === 'object').length })
    return
  }
  for (const child of node.children ?? []) linkElements(child, texts, out)
}

function roles(node: StructNode | null, out: string[]): string[] {
  if (!node) return out
  if (node.role) out.push(node.role)
  for (const child of node.children ?? []) roles(child, out)
  return out
}

/** Open a PDF file and read everything the tests assert on. */
export async function readPdf(file: string): Promise<PdfView> {
  const bytes = readFileSync(file)
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise
  const pages: TextItem[][] = []
  const pageHeights: number[] = []
  const pageWidths: number[] = []
  const structureRoles: string[] = []
  const links: string[] = []
  const internalLinks: string[] = []
  const linkList: { text: string; annotations: number }[] = []
  const searchTexts: string[] = []
  const pageTexts: string[] = []
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number)
    const content = await page.getTextContent()
    searchTexts.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''))
    pageTexts.push(readingText(content.items.filter((item): item is Extract<typeof item, { str: string }> => 'str' in item)))
    pageHeights.push(page.view[3]! - page.view[1]!)
    pageWidths.push(page.view[2]! - page.view[0]!)
    pages.push(
      content.items
        .filter((item): item is Extract<typeof item, { str: string }> => 'str' in item)
        .filter((item) => item.str.length > 0)
        .map((item) => ({ text: item.str, fontSize: Math.round(Math.hypot(item.transform[0], item.transform[1]) * 100) / 100, x: item.transform[4], y: item.transform[5], width: item.width, fontName: item.fontName })),
    )
    const tree = (await page.getStructTree()) as StructNode | null
    roles(tree, structureRoles)
    linkElements(tree, markedText((await page.getTextContent({ includeMarkedContent: true } as never)).items), linkList)
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype !== 'Link') continue
      if (annotation.url) links.push(annotation.url)
      else if (typeof annotation.dest === 'string') internalLinks.push(annotation.dest)
    }
  }
  const meta = await doc.getMetadata()
  const outline = ((await doc.getOutline()) ?? []) as OutlineItem[]
  const simplify = (items: OutlineItem[]): OutlineItem[] => items.map((item) => ({ title: item.title, items: simplify(item.items ?? []) }))
  const destinations = Object.keys((await doc.getDestinations()) as Record<string, unknown>)
  const latin = bytes.toString('latin1')
  const xmpStart = latin.indexOf('<x:xmpmeta')
  const xmp = xmpStart < 0 ? '' : bytes.subarray(xmpStart, latin.indexOf('</x:xmpmeta>') + '</x:xmpmeta>'.length).toString('utf8')
  const text = pageTexts.join('\n')
  const embedded = ((await doc.getAttachments()) ?? {}) as Record<string, { filename: string; content: Uint8Array }>
  const attachments = Object.fromEntries(Object.values(embedded).map((item) => [item.filename, Buffer.from(item.content)]))
  await doc.destroy()
  return { attachments, pages, pageHeights, pageWidths, text, searchText: searchTexts.join('\n'), info: meta.info as Record<string, unknown>, xmp, outline: simplify(outline), structureRoles, links, internalLinks, linkElements: linkList, destinations }
}

/**
 * A page's items joined with spaces, lines too, but a word hyphenated at a line end joined again
 * without its hyphen, as pdf.js's find (Firefox's search) reads it: its `BrokenWord` rule joins
 * "work-⏎ers" into "workers". The hyphen added at a line end is an item of its own ("-"), and
 * pdf.js puts the line's end on an empty item after it.
 */
function readingText(items: { str: string; hasEOL: boolean }[]): string {
  const parts: string[] = []
  for (const item of items) {
    if (item.str !== '') parts.push(item.str)
    if (item.hasEOL) parts.push('\n')
  }
  return parts
    .join(' ')
    .replace(/(\p{Ll}) -(?: \n)+ (?=\p{Ll})|(\p{Lu}) -(?: \n)+ (?=\p{L})/gu, '$1$2')
    .replace(/ ?\n ?/g, ' ')
    .trim()
}

/** Text with whitespace collapsed and soft hyphens removed, for phrase checks. */
export function normalizeText(text: string): string {
  return text.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim()
}

/**
 * Text with all white space and soft hyphens removed: every character of a paragraph must still be
 * there in order, wherever the lines broke (a hyphenated compound may end a line).
 */
export function compactText(text: string): string {
  return text.replace(/[\s\u00ad]+/g, '')
}
