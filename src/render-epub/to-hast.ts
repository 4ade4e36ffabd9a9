/** mdast → hast for the EPUB: mdast-util-to-hast, with the title block and footnote labels of offprint. */
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { toHast } from 'mdast-util-to-hast'
import { attributionLines } from '../attribution.js'
import type { Document } from '../document.js'

const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children })
const text = (value: string): ElementContent => ({ type: 'text', value })

/** The title block shown first, as in the PDF: title, subtitle, attribution lines. */
export function titleBlock(document: Document): Element {
  const { meta } = document
  const children: ElementContent[] = [element('h1', { className: ['title'] }, [text(meta.title)])]
  if (meta.subtitle) children.push(element('p', { className: ['subtitle'] }, [text(meta.subtitle)]))
  for (const line of attributionLines(meta)) children.push(element('p', { className: ['attribution', line.kind] }, [text(line.text)]))
  return element('header', { className: ['title-block'] }, children)
}

/** The document body as hast: title block, then the content with footnotes at the end. */
export function documentToHast(document: Document): HastRoot {
  const content = toHast(document.tree, {
    // Raw HTML is never passed into the XHTML (see the README's raw HTML policy).
    allowDangerousHtml: false,
    footnoteLabel: 'Notes',
    footnoteLabelTagName: 'h2',
    footnoteBackLabel: (index) => `Back to reference ${index + 1}`,
  }) as HastRoot
  return { type: 'root', children: [titleBlock(document), ...(content.children as ElementContent[])] }
}

/** Serialize hast as XHTML (self-closing void elements, no raw HTML). */
export function toXhtml(tree: HastRoot | Element): string {
  return toHtml(tree, { closeSelfClosing: true, closeEmptyElements: false, allowDangerousHtml: false })
}
