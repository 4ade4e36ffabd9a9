/**
 * Print page equivalence: `epub:type="pagebreak"` markers where the PDF's pages begin, and the
 * page-list that links them, so "p. 7" of the printed copy can be found in the EPUB.
 */
import type { Element, ElementContent, Root as HastRoot, Text } from 'hast'
import { countVisible, type PageStart } from '../render-pdf/page-map.js'

/** The id of the marker of page `page`. */
export function pageMarkerId(page: number): string {
  return `page-${page}`
}

/** Elements whose content model has no room for a `<span>` between their children. */
const NO_PHRASING = new Set(['table', 'thead', 'tbody', 'tfoot', 'tr', 'ul', 'ol', 'dl'])

type Parent = HastRoot | Element

function marker(page: number): Element {
  return {
    type: 'element',
    tagName: 'span',
    properties: { id: pageMarkerId(page), 'epub:type': 'pagebreak', role: 'doc-pagebreak', ariaLabel: String(page) },
    children: [],
  }
}

/** Every element with its parent, in document order. */
function elements(parent: Parent, out: Element[] = []): Element[] {
  for (const child of parent.children) {
    if (child.type !== 'element') continue
    out.push(child)
    elements(child, out)
  }
  return out
}

/** An element generated from a source range, with that range. */
interface Placed {
  element: Element
  start: number
  end: number
}

/** Every element that has a source range, in document order; collected once per document. */
function placedElements(tree: HastRoot): Placed[] {
  const placed: Placed[] = []
  for (const element of elements(tree)) {
    const start = element.position?.start.offset
    const end = element.position?.end.offset
    if (start !== undefined && end !== undefined) placed.push({ element, start, end: Math.max(end, start + 1) })
  }
  return placed
}

/**
 * The element generated from the block the page begins in: the outermost one spanning exactly the
 * block's source range (a table, not its first cell, which starts at the same offset), else the
 * innermost element holding the block's start (a tight list item holds its unwrapped paragraph).
 */
function elementAt(placed: Placed[], offset: number, end: number | undefined): Element | undefined {
  const exact = placed.find((candidate) => candidate.start === offset && candidate.element.position?.end.offset === end)
  if (exact) return exact.element
  let best: Placed | undefined
  for (const candidate of placed) {
    if (candidate.start > offset || offset >= candidate.end) continue
    // Document order visits parents first: a later match is nested deeper or starts later.
    if (!best || candidate.start >= best.start) best = candidate
  }
  return best?.element
}

/** Text nodes inside `element` where a marker may go, with their parents, in reading order. */
function textNodes(parent: Parent, out: { node: Text; parent: Parent }[] = []): { node: Text; parent: Parent }[] {
  for (const child of parent.children) {
    if (child.type === 'text') {
      const inert = parent.type === 'element' && NO_PHRASING.has(parent.tagName)
      if (!inert && child.value.trim() !== '') out.push({ node: child, parent })
    } else if (child.type === 'element') textNodes(child, out)
  }
  return out
}

/** Put `span` after `chars` visible characters of `element`'s text, moved forward to the next word boundary. */
function insertAtCharacter(element: Element, chars: number, span: Element): void {
  let seen = 0
  for (const { node, parent } of textNodes(element)) {
    const here = countVisible(node.value)
    if (seen + here <= chars && chars > 0) {
      seen += here
      continue
    }
    // The offset in this node after which `chars - seen` visible characters lie.
    let at = 0
    for (let visible = 0; at < node.value.length && visible < chars - seen; at++) if (countVisible(node.value[at]!) > 0) visible++
    while (at > 0 && at < node.value.length && !/\s/.test(node.value[at - 1]!)) at++
    const index = parent.children.indexOf(node as ElementContent)
    const pieces: ElementContent[] = []
    if (at > 0) pieces.push({ type: 'text', value: node.value.slice(0, at) })
    pieces.push(span)
    if (at < node.value.length) pieces.push({ type: 'text', value: node.value.slice(at) })
    parent.children.splice(index, 1, ...(pieces as never[]))
    return
  }
  // No text (an image alone, say) or past its end: at the end of the element, where it may hold a span.
  if (!NO_PHRASING.has(element.tagName)) element.children.push(span)
  else element.children.unshift(span)
}

/**
 * Insert one marker per PDF page into the EPUB body: inside the block the page begins in, after as
 * many characters as the PDF drew of it on earlier pages. Page 1 begins with the document. A page
 * that begins in a block the EPUB does not show (the contents pages begin "in" the frontmatter)
 * is marked where the next block shown begins: markers must stay in page order (epubcheck NAV-011),
 * and those pages were once all put at the end of the book.
 */
export function insertPageMarkers(tree: HastRoot, pages: PageStart[]): void {
  // Collected before inserting: markers have no source range, and splitting text adds no element,
  // so the list stays what a fresh walk would give; walking the tree once per page was quadratic.
  const placed = placedElements(tree)
  let front = 0
  for (const page of pages) {
    const span = marker(page.page)
    const start = page.start
    const element = start === undefined ? undefined : elementAt(placed, start, page.end)
    const next = start === undefined || element ? undefined : placed.find((candidate) => candidate.start >= start)
    if (element) insertAtCharacter(element, page.chars, span)
    else if (next) insertAtCharacter(next.element, 0, span)
    else if (start === undefined) tree.children.splice(front++, 0, span)
    else tree.children.push(span)
  }
}

/** The `<ol>` of the page-list nav: one link per page marker. */
export function pageListHtml(pages: PageStart[], href: string): Element {
  return {
    type: 'element',
    tagName: 'ol',
    properties: {},
    children: pages.map((page) => ({
      type: 'element',
      tagName: 'li',
      properties: {},
      children: [{ type: 'element', tagName: 'a', properties: { href: `${href}#${pageMarkerId(page.page)}` }, children: [{ type: 'text', value: String(page.page) }] }],
    })),
  }
}
