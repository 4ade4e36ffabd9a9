/**
 * A code block's lines, each its own block in the EPUB, so that a line too long for the reader's
 * screen wraps under its own indentation plus two characters, as the PDF sets it (render-pdf's
 * code handler; LaTeX's fvextra does the same), instead of at the left edge, where in Python or
 * YAML a continuation reads as a new line. Highlighting spans that run over several lines (a long
 * string, a block comment) are cut at each line end and opened again on the next.
 */
import type { Element, ElementContent } from 'hast'

/** The contents of each line of `nodes`, split at line feeds (which are dropped). */
function splitAtLineFeeds(nodes: ElementContent[]): ElementContent[][] {
  const lines: ElementContent[][] = [[]]
  for (const node of nodes) {
    if (node.type === 'text') {
      node.value.split('\n').forEach((part, index) => {
        if (index > 0) lines.push([])
        if (part) lines.at(-1)!.push({ type: 'text', value: part })
      })
    } else if (node.type === 'element') {
      splitAtLineFeeds(node.children).forEach((children, index) => {
        if (index > 0) lines.push([])
        // Each piece its own element: later passes may change one piece's properties.
        if (children.length > 0) lines.at(-1)!.push({ ...node, properties: { ...node.properties }, children })
      })
    } else lines.at(-1)!.push(node)
  }
  return lines
}

/** Columns the white space opening `text` takes, tabs to the next multiple of 8 (CSS's `tab-size`). */
function indentation(text: string): number {
  let column = 0
  for (const char of /^[ \t]*/.exec(text)![0]) column = char === '\t' ? (Math.floor(column / 8) + 1) * 8 : column + 1
  return column
}

/** The text of a line's nodes. */
function textOf(nodes: ElementContent[]): string {
  return nodes.map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? textOf(node.children) : '')).join('')
}

/**
 * `nodes` (a code block's highlighted contents) as one `<span class="line">` per line, each ending
 * in its line feed (so that the text reads and copies as typed), its continuation lines hanging
 * under its indentation plus two characters.
 */
export function codeLines(nodes: ElementContent[]): ElementContent[] {
  const lines = splitAtLineFeeds(nodes)
  // The line feed that ends the block is no line of its own.
  if (lines.length > 1 && lines.at(-1)!.length === 0) lines.pop()
  return lines.map((children, index): Element => {
    const hang = indentation(textOf(children)) + 2
    const last = index === lines.length - 1
    return {
      type: 'element',
      tagName: 'span',
      properties: { className: ['line'], style: `padding-left: ${hang}ch; text-indent: -${hang}ch;` },
      children: last ? children : [...children, { type: 'text', value: '\n' }],
    }
  })
}
