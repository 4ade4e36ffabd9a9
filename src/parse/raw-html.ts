/**
 * The raw HTML policy, shared by both outputs. A safe subset is rendered: `<br>`, `<sup>`, `<sub>`,
 * `<kbd>`, `<img>` (through the same vetting as Markdown images), `<details>` and `<summary>`.
 * Every other element is dropped with a warning naming its line (its text is kept, except for
 * `<script>`, `<style>` and the like, dropped whole); comments are dropped silently. HTML is
 * parsed (hast-util-raw, i.e. parse5), never matched with patterns, and never reaches the XHTML raw.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast'
import { raw } from 'hast-util-raw'
import type { Root } from 'mdast'
import type { VFile } from 'vfile'
import { warn } from '../messages.js'
import { walkTree } from '../walk-tree.js'

/** Elements of the safe subset. */
export const ALLOWED_TAGS = new Set(['br', 'sup', 'sub', 'kbd', 'img', 'details', 'summary'])

/** Safe-subset elements that change the look of running text until closed. */
export const INLINE_TAGS = new Set(['sup', 'sub', 'kbd'])

/** Elements dropped together with their content (their text is code or chrome, not prose). */
export const DROPPED_WHOLE = ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'select', 'svg', 'math', 'title', 'head']

/** Parse a piece of raw HTML into hast elements (a fragment: no html/body wrapper). */
export function parseHtml(value: string): ElementContent[] {
  const tree = raw({ type: 'root', children: [{ type: 'raw', value }] } as HastRoot) as HastRoot
  return tree.children as ElementContent[]
}

/** One tag as written in an inline `html` node: `<sup>`, `</sup>`, `<br/>`, `<img alt=…>`. */
export interface Tag {
  name: string
  closing: boolean
  alt?: string
  src?: string
}

/** The single tag an inline `html` node holds, if it holds exactly one. */
export function tagOf(value: string): Tag | undefined {
  const closing = /^<\/([A-Za-z][A-Za-z0-9-]*)\s*>$/.exec(value.trim())
  if (closing) return { name: closing[1]!.toLowerCase(), closing: true }
  const elements = parseHtml(value).filter((node): node is Element => node.type === 'element')
  if (elements.length !== 1) return undefined
  const [element] = elements as [Element]
  const text = (key: string) => (typeof element.properties[key] === 'string' ? (element.properties[key] as string) : undefined)
  return { name: element.tagName, closing: false, alt: text('alt'), src: text('src') }
}

/** Every element name in a piece of raw HTML, depth first. */
function elementNames(nodes: ElementContent[], out: string[] = []): string[] {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    out.push(node.tagName)
    elementNames(node.children, out)
    if (node.content) elementNames(node.content.children as ElementContent[], out)
  }
  return out
}

/** Warn once per raw HTML node about each element outside the safe subset, naming the line. */
export function checkRawHtml(file: VFile, tree: Root): void {
  walkTree(tree, (node) => {
    if (node.type !== 'html') return
    const dropped = [...new Set(elementNames(parseHtml(node.value)).filter((name) => !ALLOWED_TAGS.has(name)))]
    if (dropped.length === 0) return
    const what = dropped.map((name) => `<${name}>`).join(', ')
    const content = dropped.some((name) => DROPPED_WHOLE.includes(name)) ? 'dropped with its content' : 'dropped (its text is kept)'
    warn(file, `raw HTML ${what} is not in the safe subset (<br>, <sup>, <sub>, <kbd>, <img>, <details>, <summary>): ${content}`, node, 'html-dropped')
  })
}
