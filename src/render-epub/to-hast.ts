/** mdast → hast for the EPUB: mdast-util-to-hast with offprint's handlers, the raw HTML policy and EPUB fix-ups. */
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { toHast } from 'mdast-util-to-hast'
import { abstractLabel, attributionLines } from '../attribution.js'
import type { Document } from '../document.js'
import { labelsFor } from '../labels.js'
import { epubHandlers } from './handlers/index.js'
import { applyHtmlPolicy, fixAttributes, markLanguages, typeFootnotes } from './postprocess.js'

const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({ type: 'element', tagName, properties, children })
const text = (value: string): ElementContent => ({ type: 'text', value })

/** The title block shown first, as in the PDF: title, subtitle, attribution lines, abstract. */
export function titleBlock(document: Document): Element {
  const { meta } = document
  const children: ElementContent[] = [element('h1', { className: ['title'] }, [text(meta.title)])]
  if (meta.subtitle) children.push(element('p', { className: ['subtitle'] }, [text(meta.subtitle)]))
  for (const line of attributionLines(meta)) {
    const content = line.url ? [text(line.text.slice(0, line.text.length - line.url.length)), element('a', { href: line.url }, [text(line.url)])] : [text(line.text)]
    children.push(element('p', { className: ['attribution', line.kind] }, content))
  }
  if (meta.abstract) {
    const paragraphs = meta.abstract.map((paragraph) => element('p', {}, [text(paragraph)]))
    children.push(element('section', { className: ['abstract'], role: 'doc-abstract', ariaLabel: abstractLabel(meta) }, [element('p', { className: ['abstract-title'] }, [text(abstractLabel(meta))]), ...paragraphs]))
  }
  return element('header', { className: ['title-block'] }, children)
}

/**
 * The document body as hast: title block, then the content with footnotes at the end. `images`
 * receives the vetted image data the body references, keyed by the URL written in it.
 */
export function documentToHast(document: Document, images: Map<string, Buffer> = new Map()): HastRoot {
  const handlers = epubHandlers(document, images)
  const labels = labelsFor(document.meta.lang)
  const converted = toHast(document.tree, {
    // Raw HTML is parsed and filtered by applyHtmlPolicy; nothing passes into the XHTML raw.
    allowDangerousHtml: true,
    handlers,
    footnoteLabel: labels.notes,
    footnoteLabelTagName: 'h2',
    footnoteBackLabel: (index) => `${labels.back} ${index + 1}`,
  }) as HastRoot
  const vetted = (src: string) => {
    const image = handlers.image!({} as never, { type: 'image', url: src, alt: '' } as never, undefined) as Element
    return image.tagName === 'img' ? String(image.properties.src) : undefined
  }
  const content = applyHtmlPolicy(converted, vetted)
  const children = content.children as ElementContent[]
  typeFootnotes(children)
  fixAttributes(children)
  markLanguages(children, document.meta.lang)
  return { type: 'root', children: [titleBlock(document), ...children] }
}

/** Serialize hast as XHTML (self-closing void elements, no raw HTML). */
export function toXhtml(tree: HastRoot | Element): string {
  return toHtml(tree, { closeSelfClosing: true, closeEmptyElements: false, allowDangerousHtml: false })
}
