/** The outline: every heading gets a stable, unique id; the document's sections are nested by depth. */
import GithubSlugger from 'github-slugger'
import type {} from 'mdast-util-to-hast'
import type { Heading, Parents, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { OutlineEntry } from '../document.js'
import { walkBlocks } from '../walk-tree.js'

/**
 * A heading's text as a reader sees it: without the tags of its raw HTML (`CO<sub>2</sub>` reads
 * CO2, and is slugged `co2` as GitHub slugs it).
 */
export function headingText(node: Heading): string {
  return toString(node, { includeHtml: false }).trim()
}

/**
 * Give each heading an id: the one its author gave (`{#id}`, see heading-attributes.ts), else one by
 * GitHub's slug rules (`section` when empty) from its text as typed, so that a link written against
 * GitHub's rendering of the file finds its heading here too, whatever smart punctuation later does
 * to the text. A slug never takes an id an author gave.
 */
export function assignHeadingIds(tree: Root): void {
  const slugger = new GithubSlugger()
  const headings: Heading[] = []
  walkBlocks(tree, (node) => {
    if (node.type === 'heading') headings.push(node)
  })
  // Given ids first: a slug that would repeat one is numbered on (`annex-1`), as a repeated slug is.
  for (const heading of headings) if (heading.data?.explicitId) slugger.slug(heading.data.explicitId)
  for (const heading of headings) {
    const id = heading.data?.explicitId ?? slugger.slug(headingText(heading) || 'section')
    heading.data = { ...heading.data, hProperties: { ...heading.data?.hProperties, id } }
  }
}

/**
 * The heading tree: each heading's depth, text and id (`assignHeadingIds` must have run). Only the
 * document's own sections are in it, as in pandoc's contents: a heading inside a quotation, a list
 * or a note is quoted or local matter (a quoted `# Title` would otherwise take every later section
 * of the document under it).
 */
export function buildOutline(tree: Root): OutlineEntry[] {
  const roots: OutlineEntry[] = []
  const open: OutlineEntry[] = []
  for (const node of tree.children) {
    if (node.type !== 'heading' || !hasOutlineEntry(node, tree)) continue
    const entry: OutlineEntry = { depth: node.depth, text: headingText(node), id: headingId(node), children: [] }
    while (open.length > 0 && open.at(-1)!.depth >= entry.depth) open.pop()
    ;(open.at(-1)?.children ?? roots).push(entry)
    open.push(entry)
  }
  return roots
}

/**
 * Whether a heading has an entry in the outline (and so in the contents, bookmarks and nav): it
 * heads a section of the document (it stands at the top level, not in a quotation or a list) and
 * is not `{.unlisted}` (pandoc's contents leave those out too).
 */
export function hasOutlineEntry(node: Heading, parent: Parents | undefined): boolean {
  return parent?.type === 'root' && !node.data?.unlisted
}

/** The id given to a heading by `buildOutline`. */
export function headingId(node: Heading): string {
  const id = node.data?.hProperties?.id
  if (typeof id !== 'string') throw new Error('assert: heading has no id; buildOutline must run first')
  return id
}
