/**
 * A walk over an mdast tree in document order, as `unist-util-visit` does it but without its
 * per-node bookkeeping (a closure and an ancestor array for every node): the tree is walked by
 * several passes per document, and on a 1 MB document each `visit` pass cost about 0.1 s.
 */
import type { Nodes, Parents } from 'mdast'

/**
 * Called for each node with its index in its parent and the parent (both undefined for the node the
 * walk starts at). Returning a number skips the node's children and goes on with the sibling at
 * that index, as `[SKIP, index]` does with `unist-util-visit` (for a visitor that replaced nodes).
 */
export type WalkVisitor = (node: Nodes, index: number | undefined, parent: Parents | undefined) => number | void

/** Call `visitor` for `tree` and every node below it, parents before their children (preorder). */
export function walkTree(tree: Nodes, visitor: WalkVisitor): void {
  walk(tree, visitor, () => true)
}

/** Nodes whose children are phrasing content (text, emphasis, links…): no block is ever inside them. */
const PHRASING_PARENTS = new Set<string>(['paragraph', 'heading', 'tableCell', 'defListTerm'])

/**
 * `walkTree` for passes that look for block-level nodes only (headings, definitions, footnote
 * definitions, paragraphs): the text inside paragraphs, headings and table cells, most of a
 * document's nodes, is not entered. Those nodes themselves are still visited.
 */
export function walkBlocks(tree: Nodes, visitor: WalkVisitor): void {
  walk(tree, visitor, (node) => !PHRASING_PARENTS.has(node.type))
}

function walk(tree: Nodes, visitor: WalkVisitor, enter: (node: Parents) => boolean): void {
  if (typeof visitor(tree, undefined, undefined) !== 'number' && 'children' in tree && enter(tree)) walkChildren(tree, visitor, enter)
}

function walkChildren(parent: Parents, visitor: WalkVisitor, enter: (node: Parents) => boolean): void {
  // `parent.children` is read again at every step: a visitor may have replaced nodes in it.
  let index = 0
  while (index < parent.children.length) {
    const child = parent.children[index] as Nodes
    const next = visitor(child, index, parent)
    if (typeof next === 'number') {
      index = next
      continue
    }
    if ('children' in child && enter(child)) walkChildren(child, visitor, enter)
    index++
  }
}
