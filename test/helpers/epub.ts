/** Reading a built EPUB back: its OPF metadata, nav entries and the text of its XHTML documents. */
import { readFileSync } from 'node:fs'
import { XMLParser } from 'fast-xml-parser'
import JSZip from 'jszip'

/** A nav (table of contents) entry with its children. */
export interface NavItem {
  text: string
  href: string
  children: NavItem[]
}

/** What a reading system sees in an EPUB. */
export interface EpubView {
  files: string[]
  /** Zip entry order (mimetype must be first) and their dates. */
  entries: { name: string; date: Date; compressed: boolean }[]
  opf: string
  /** Dublin Core and meta properties: `dc:title` → values, `dcterms:modified` → values. */
  metadata: Record<string, string[]>
  nav: NavItem[]
  navXhtml: string
  /** Content documents (not the nav), in spine order, with their markup and plain text. */
  documents: { name: string; xhtml: string; text: string }[]
  ncx: string
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', preserveOrder: true, trimValues: false, htmlEntities: true })

/** Elements a reader sees as separate blocks: their text is never run together with a neighbour's. */
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'header', 'footer', 'div', 'section', 'aside', 'blockquote', 'pre', 'td', 'th', 'tr', 'br', 'figure', 'figcaption', 'dt', 'dd', 'nav'])

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> }

function tagOf(node: Ordered): string | undefined {
  return Object.keys(node).find((key) => key !== ':@')
}

function textOf(nodes: Ordered[]): string {
  let out = ''
  for (const node of nodes) {
    const tag = tagOf(node)
    if (tag === '#text') out += String(node[tag])
    else if (tag && BLOCKS.has(tag)) out += ` ${textOf(node[tag] as Ordered[])} `
    else if (tag) out += textOf(node[tag] as Ordered[])
  }
  return out
}

function find(nodes: Ordered[], predicate: (tag: string, attributes: Record<string, string>) => boolean, out: Ordered[] = []): Ordered[] {
  for (const node of nodes) {
    const tag = tagOf(node)
    if (!tag || tag === '#text') continue
    if (predicate(tag, node[':@'] ?? {})) out.push(node)
    find(node[tag] as Ordered[], predicate, out)
  }
  return out
}

function navItems(list: Ordered): NavItem[] {
  return (list.ol as Ordered[]).filter((node) => tagOf(node) === 'li').map((li) => {
    const children = li.li as Ordered[]
    const anchor = children.find((node) => tagOf(node) === 'a' || tagOf(node) === 'span')!
    const sub = children.find((node) => tagOf(node) === 'ol')
    return { text: textOf(anchor[tagOf(anchor)!] as Ordered[]).trim(), href: anchor[':@']?.['@href'] ?? '', children: sub ? navItems(sub) : [] }
  })
}

/** Plain text of XHTML markup, as a reader would read it (tags dropped, entities decoded). */
export function xhtmlText(xhtml: string): string {
  const tree = parser.parse(xhtml) as Ordered[]
  const body = find(tree, (tag) => tag === 'body')[0]
  return textOf(body ? (body.body as Ordered[]) : tree).replace(/\s+/g, ' ').trim()
}

/** Open an EPUB file and read everything the tests assert on. */
export async function readEpub(file: string): Promise<EpubView> {
  return readEpubBytes(readFileSync(file))
}

/** Read an EPUB held in memory (as `renderEpub` returns it). */
export async function readEpubBytes(bytes: Buffer): Promise<EpubView> {
  const zip = await JSZip.loadAsync(bytes)
  const read = (name: string) => zip.file(name)!.async('string')
  const container = await read('META-INF/container.xml')
  const opfPath = /full-path="([^"]+)"/.exec(container)![1]!
  const base = opfPath.includes('/') ? opfPath.slice(0, opfPath.lastIndexOf('/') + 1) : ''
  const opf = await read(opfPath)
  const opfTree = parser.parse(opf) as Ordered[]
  const metadata: Record<string, string[]> = {}
  const metadataNode = find(opfTree, (tag) => tag === 'metadata')[0]!
  for (const node of metadataNode.metadata as Ordered[]) {
    const tag = tagOf(node)
    if (!tag || tag === '#text') continue
    const key = tag === 'meta' ? node[':@']?.['@property'] ?? node[':@']?.['@name'] ?? 'meta' : tag
    ;(metadata[key] ??= []).push(tag === 'meta' && node[':@']?.['@content'] ? node[':@']['@content'] : textOf(node[tag] as Ordered[]).trim())
  }
  const manifest = new Map(find(opfTree, (tag) => tag === 'item').map((item) => [item[':@']!['@id']!, item[':@']!]))
  const navHref = [...manifest.values()].find((item) => (item['@properties'] ?? '').split(' ').includes('nav'))!['@href']!
  const navXhtml = await read(base + navHref)
  const tocNav = find(parser.parse(navXhtml) as Ordered[], (tag, attributes) => tag === 'nav' && attributes['@epub:type'] === 'toc')[0]!
  const tocList = (tocNav.nav as Ordered[]).find((node) => tagOf(node) === 'ol')!
  const spine = find(opfTree, (tag) => tag === 'itemref').map((ref) => manifest.get(ref[':@']!['@idref']!)!['@href']!)
  const documents = []
  for (const href of spine.filter((href) => href !== navHref)) {
    const xhtml = await read(base + href)
    documents.push({ name: href, xhtml, text: xhtmlText(xhtml) })
  }
  const ncxItem = [...manifest.values()].find((item) => item['@media-type'] === 'application/x-dtbncx+xml')
  const entries = Object.values(zip.files).map((entry) => ({ name: entry.name, date: entry.date, compressed: (entry as unknown as { _data?: { compression?: { magic?: string } } })._data?.compression?.magic !== '\x00\x00' }))
  return {
    files: Object.keys(zip.files),
    entries,
    opf,
    metadata,
    nav: navItems(tocList),
    navXhtml,
    documents,
    ncx: ncxItem ? await read(base + ncxItem['@href']!) : '',
  }
}
