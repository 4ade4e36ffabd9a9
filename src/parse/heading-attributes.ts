/**
 * pandoc's heading attributes (its `header_attributes` extension, on by default): a heading may end
 * in `{#id .class key=value}`. `#id` is the heading's id (links written for pandoc, `[see](#annex)`,
 * find it); `.unnumbered`, or `-` alone, keeps it out of `number-sections`; `.unlisted` out of
 * the contents, bookmarks and EPUB nav. Other classes and attributes are dropped. Either way the braces leave the heading's text, as in pandoc's outputs.
 */
import type { Heading, Root } from 'mdast'
import { walkBlocks } from '../walk-tree.js'

declare module 'mdast' {
  interface HeadingData {
    /** `{-}` or `{.unnumbered}`: `number-sections` leaves the heading as it is. */
    unnumbered?: boolean
    /** The id the author gave (`{#id}`), which `assignHeadingIds` keeps. */
    explicitId?: string
    /** `{.unlisted}`: no entry in the outline (contents, bookmarks, EPUB nav). */
    unlisted?: boolean
  }
}

const ATTRIBUTE = String.raw`(?:[#.][^\s{}]+|-|[\w-]+=(?:"[^"]*"|[^\s{}"]+))`
/** An attribute block, from its opening brace to the end of the heading's text (anchored: linear on any text). */
const BLOCK = new RegExp(String.raw`^\{\s*(${ATTRIBUTE}(?:\s+${ATTRIBUTE})*)\s*\}\s*$`)

/** Read and strip the attribute block of `heading`, if its text ends in one. */
function readAttributes(heading: Heading): void {
  const last = heading.children.at(-1)
  if (last?.type !== 'text') return
  // Only the last brace can open a block that ends the text.
  const at = last.value.lastIndexOf('{')
  const match = at < 0 ? null : BLOCK.exec(last.value.slice(at))
  if (!match) return
  last.value = last.value.slice(0, at).trimEnd()
  if (last.value === '') heading.children.pop()
  for (const attribute of match[1]!.split(/\s+(?=(?:[#.-]|[\w-]+=))/)) {
    if (attribute.startsWith('#')) heading.data = { ...heading.data, explicitId: attribute.slice(1) }
    else if (attribute === '-' || attribute === '.unnumbered') heading.data = { ...heading.data, unnumbered: true }
    else if (attribute === '.unlisted') heading.data = { ...heading.data, unlisted: true }
  }
}

/** Read the attribute blocks of every heading of the tree. */
export function readHeadingAttributes(tree: Root): void {
  walkBlocks(tree, (node) => {
    if (node.type === 'heading') readAttributes(node)
  })
}
