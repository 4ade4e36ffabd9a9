/** The EPUB navigation: the nav document's nested list and the NCX navMap, both from the outline. */
import type { Element, ElementContent } from 'hast'
import type { Document, OutlineEntry } from '../document.js'
import { addElement, serializeChildren, xmlElement, type XmlElement } from '../xml.js'
import { toXhtml } from './to-hast.js'

/** One nav entry: the title is the root, the headings nest under it, as in the PDF outline. */
interface NavEntry {
  text: string
  href: string
  children: NavEntry[]
}

/**
 * The nav tree of a document whose body is the file `href`: every heading, or those down to the
 * level its frontmatter's `toc-depth` names, as pandoc's EPUB lists them.
 */
export function navTree(document: Document, href: string): NavEntry[] {
  const depth = document.meta.tocDepth ?? 6
  const fromOutline = (entries: OutlineEntry[]): NavEntry[] => entries.filter((entry) => entry.depth <= depth).map((entry) => ({ text: entry.text, href: `${href}#${entry.id}`, children: fromOutline(entry.children) }))
  return [{ text: document.meta.title, href, children: fromOutline(document.outline) }]
}

/** The `<ol>` inside `<nav epub:type="toc">`. */
export function navHtml(entries: NavEntry[]): string {
  const list = (items: NavEntry[]): Element => ({
    type: 'element',
    tagName: 'ol',
    properties: {},
    children: items.map((item): ElementContent => ({
      type: 'element',
      tagName: 'li',
      properties: {},
      children: [
        { type: 'element', tagName: 'a', properties: { href: item.href }, children: [{ type: 'text', value: item.text || '(untitled)' }] },
        ...(item.children.length > 0 ? [list(item.children)] : []),
      ],
    })),
  })
  return toXhtml(list(entries))
}

/** The NCX `navPoint`s (for EPUB 2 reading systems), numbered in reading order. */
export function ncxNavPoints(entries: NavEntry[]): { xml: string; depth: number } {
  const root = xmlElement('navMap')
  let order = 0
  let depth = 0
  const add = (parent: XmlElement, items: NavEntry[], level: number) => {
    depth = Math.max(depth, level)
    for (const item of items) {
      order += 1
      const point = addElement(parent, 'navPoint', { id: `nav-${order}`, playOrder: String(order) })
      addElement(addElement(point, 'navLabel'), 'text', {}, item.text || '(untitled)')
      addElement(point, 'content', { src: item.href })
      add(point, item.children, level + 1)
    }
  }
  add(root, entries, 1)
  return { xml: serializeChildren(root), depth }
}
