/**
 * Table captions, as pandoc writes them: a paragraph right before or right after a table that
 * begins with `Table:` (or `table:`, or just `:`) is the table's caption, that prefix stripped. It
 * leaves the flow and rides on the table (`data.caption`), so both outputs set it with the table:
 * a `Caption` in the PDF's Table, a `<caption>` in the EPUB's. A caption before the table is looked
 * for first, as pandoc does, so that captions written above their tables each find their own.
 * Run last: the caption's text has been through every pass over the tree (smart punctuation, links
 * checked, images vetted) as the paragraph it was.
 */
import type { Paragraph, PhrasingContent, Root } from 'mdast'
import { walkBlocks } from '../walk-tree.js'

declare module 'mdast' {
  interface TableData {
    /** The table's caption (pandoc's `Table: …` paragraph), as phrasing content. */
    caption?: PhrasingContent[]
  }
}

const PREFIX = /^(?:[Tt]able)?:[ \t]*/

/** The caption a paragraph spells, without its prefix, or undefined when it is no caption. */
function captionOf(paragraph: Paragraph): PhrasingContent[] | undefined {
  const [first, ...rest] = paragraph.children
  if (first?.type !== 'text' || !PREFIX.test(first.value)) return undefined
  const value = first.value.replace(PREFIX, '')
  const caption = value ? [{ ...first, value }, ...rest] : rest
  return caption.length > 0 ? caption : undefined
}

/** Move every table's caption paragraph onto the table. */
export function liftTableCaptions(tree: Root): void {
  walkBlocks(tree, (node, index, parent) => {
    if (node.type !== 'table' || !parent || index === undefined) return
    for (const at of [index - 1, index + 1]) {
      const neighbour = parent.children[at]
      const caption = neighbour?.type === 'paragraph' ? captionOf(neighbour) : undefined
      if (!caption) continue
      node.data = { ...node.data, caption }
      parent.children.splice(at, 1)
      // Go on after the table, which moved up one place if its caption stood before it.
      return at < index ? index : index + 1
    }
  })
}
