/** The outline: every heading gets a stable, unique id; headings are nested by depth. */
import GithubSlugger from 'github-slugger'
import type {} from 'mdast-util-to-hast'
import type { Heading, Root } from 'mdast'
import { toString } from 'mdast-util-to-string'
import type { OutlineEntry } from '../document.js'
import { walkBlocks } from '../walk-tree.js'

/** Give each heading an id (GitHub's slug rules, `section` when empty) and return the heading tree. */
export function buildOutline(tree: Root): OutlineEntry[] {
  const slugger = new GithubSlugger()
  const roots: OutlineEntry[] = []
  const open: OutlineEntry[] = []
  walkBlocks(tree, (node) => {
    if (node.type !== 'heading') return
    const text = toString(node).trim()
    const id = slugger.slug(text || 'section')
    node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } }
    const entry: OutlineEntry = { depth: node.depth, text, id, children: [] }
    while (open.length > 0 && open.at(-1)!.depth >= entry.depth) open.pop()
    ;(open.at(-1)?.children ?? roots).push(entry)
    open.push(entry)
  })
  return roots
}

/** The id given to a heading by `buildOutline`. */
export function headingId(node: Heading): string {
  const id = node.data?.hProperties?.id
  if (typeof id !== 'string') throw new Error('assert: heading has no id; buildOutline must run first')
  return id
}
