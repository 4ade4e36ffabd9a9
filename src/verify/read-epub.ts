/** What `verify` reads back from an EPUB: title, nav tree, body text, ids and internal links. */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { XMLParser } from 'fast-xml-parser'
import JSZip from 'jszip'
import type { TreeEntry } from './read-pdf.js'

/** An EPUB as `verify` sees it. */
export interface EpubReading {
  titles: string[]
  /** The toc nav's entries. */
  nav: TreeEntry[]
  /** Text of the spine documents, in order. */
  text: string
  /** Every `href` of the nav and spine documents that points inside the book, resolved to `file#id`. */
  internalLinks: { from: string; target: string }[]
  /** Ids defined per document (`text.xhtml` → ids). */
  ids: Map<string, Set<string>>
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> }
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false, htmlEntities: true })

const tagOf = (node: Ordered) => Object.keys(node).find((key) => key !== ':@')
const childrenOf = (node: Ordered) => node[tagOf(node)!] as Ordered[]

/** Elements whose text is never run together with a neighbour's. */
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'header', 'footer', 'div', 'section', 'aside', 'blockquote', 'pre', 'td', 'th', 'tr', 'br', 'figure', 'figcaption', 'caption', 'dt', 'dd', 'nav'])

/**
 * Raised and lowered text (a note's mark, `10<sup>th</sup>`): words of their own, as the PDF sets
 * them apart in a smaller size (`note¹` reads `note` and `1`), and as the source's words count them.
 */
const SET_APART = new Set(['sup', 'sub'])

function textOf(nodes: Ordered[]): string {
  let out = ''
  for (const node of nodes) {
    const tag = tagOf(node)
    if (tag === '#text') out += String(node[tag])
    else if (tag && (BLOCKS.has(tag) || SET_APART.has(tag))) out += ` ${textOf(childrenOf(node))} `
    else if (tag) out += textOf(childrenOf(node))
  }
  return out
}

function walk(nodes: Ordered[], visit: (tag: string, attributes: Record<string, string>, node: Ordered) => void): void {
  for (const node of nodes) {
    const tag = tagOf(node)
    if (!tag || tag === '#text') continue
    visit(tag, node[':@'] ?? {}, node)
    walk(childrenOf(node), visit)
  }
}

function navEntries(list: Ordered): TreeEntry[] {
  return childrenOf(list)
    .filter((node) => tagOf(node) === 'li')
    .map((li) => {
      const anchor = childrenOf(li).find((node) => tagOf(node) === 'a' || tagOf(node) === 'span')
      const sub = childrenOf(li).find((node) => tagOf(node) === 'ol')
      return { text: anchor ? textOf(childrenOf(anchor)).replace(/\s+/g, ' ').trim() : '', children: sub ? navEntries(sub) : [] }
    })
}

/** Read the parts of an EPUB that `verify` compares with the source. */
export async function readEpubForVerify(file: string): Promise<EpubReading> {
  const zip = await JSZip.loadAsync(await readFile(file))
  const read = async (name: string) => {
    const entry = zip.file(name)
    if (!entry) throw new Error(`${name} is missing from the EPUB`)
    return entry.async('string')
  }
  const opfPath = /full-path="([^"]+)"/.exec(await read('META-INF/container.xml'))?.[1]
  if (!opfPath) throw new Error('META-INF/container.xml names no package document')
  const base = path.posix.dirname(opfPath)
  const opf = parser.parse(await read(opfPath)) as Ordered[]
  const titles: string[] = []
  const manifest = new Map<string, Record<string, string>>()
  const spine: string[] = []
  walk(opf, (tag, attributes, node) => {
    if (tag === 'dc:title') titles.push(textOf(childrenOf(node)).trim())
    if (tag === 'item') manifest.set(attributes.id!, attributes)
    if (tag === 'itemref') spine.push(attributes.idref!)
  })
  const navHref = [...manifest.values()].find((item) => (item.properties ?? '').split(' ').includes('nav'))?.href
  if (!navHref) throw new Error('the package has no nav document')
  const documents = [navHref, ...spine.map((id) => manifest.get(id)?.href).filter((href): href is string => !!href && href !== navHref)]
  const ids = new Map<string, Set<string>>()
  const internalLinks: EpubReading['internalLinks'] = []
  let nav: TreeEntry[] = []
  const texts: string[] = []
  for (const href of documents) {
    const tree = parser.parse(await read(path.posix.join(base, href))) as Ordered[]
    const defined = new Set<string>()
    walk(tree, (tag, attributes, node) => {
      if (attributes.id) defined.add(attributes.id)
      if (tag === 'a' && attributes.href && !/^[a-z][a-z0-9+.-]*:/i.test(attributes.href)) {
        const [target = '', fragment] = attributes.href.split('#')
        internalLinks.push({ from: href, target: `${target ? path.posix.join(path.posix.dirname(href), target) : href}${fragment === undefined ? '' : `#${fragment}`}` })
      }
      if (href === navHref && tag === 'nav' && attributes['epub:type'] === 'toc') {
        const list = childrenOf(node).find((child) => tagOf(child) === 'ol')
        if (list) nav = navEntries(list)
      }
      if (href !== navHref && tag === 'body') texts.push(textOf(childrenOf(node)))
    })
    ids.set(href, defined)
  }
  return { titles, nav, text: texts.join('\n').replace(/\s+/g, ' ').trim(), internalLinks, ids }
}
