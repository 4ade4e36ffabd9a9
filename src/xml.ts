/**
 * A small XML writer for the two little XML documents offprint writes outside the EPUB's XHTML: the
 * PDF's XMP packet and the EPUB's NCX navMap. They were built with xmlbuilder2, whose loading
 * (a DOM implementation) took ~80 ms of CPU, a fifth of a cold EPUB-only build. The layout is the one
 * xmlbuilder2's `prettyPrint` gives, byte for byte (test/xml.test.ts compares the two): two spaces
 * per level, an element holding only text on one line, an empty element self-closed. One deliberate
 * difference: every `&` is escaped. xmlbuilder2 left text such as `AT&T;` or `&amp;` as written,
 * taking it for an entity reference, so a title holding it made the XMP malformed or read back wrong.
 */

/** An element: attributes in the order given, and either child elements or text, not both. */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: (XmlElement | string)[]
}

/** Make an element (`attributes` in the order they are to be written). */
export function xmlElement(name: string, attributes: Record<string, string> = {}, children: (XmlElement | string)[] = []): XmlElement {
  return { name, attributes, children }
}

/** Add `child` to `parent` and return the child (to nest further). */
export function addElement(parent: XmlElement, name: string, attributes: Record<string, string> = {}, text?: string): XmlElement {
  const child = xmlElement(name, attributes, text === undefined ? [] : [text])
  parent.children.push(child)
  return child
}

/** The element as indented XML starting at `level` (two spaces each), without a trailing line feed. */
export function serializeXml(element: XmlElement, level = 0): string {
  const indent = '  '.repeat(level)
  let attributes = ''
  for (const [name, value] of Object.entries(element.attributes)) attributes += ` ${name}="${escapeAttribute(value)}"`
  const children = element.children.filter((child) => child !== '')
  if (children.length === 0) return `${indent}<${element.name}${attributes}/>`
  if (children.every((child) => typeof child === 'string')) return `${indent}<${element.name}${attributes}>${children.map((child) => escapeText(child as string)).join('')}</${element.name}>`
  const lines = children.map((child) => (typeof child === 'string' ? `${indent}  ${escapeText(child)}` : serializeXml(child, level + 1)))
  return `${indent}<${element.name}${attributes}>\n${lines.join('\n')}\n${indent}</${element.name}>`
}

/** The children of `element`, each serialized at level 1 and followed by a line feed (a fragment to place inside another document). */
export function serializeChildren(element: XmlElement): string {
  return element.children.map((child) => `${typeof child === 'string' ? `  ${escapeText(child)}` : serializeXml(child, 1)}\n`).join('')
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'))
}

function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&quot;'))
}
