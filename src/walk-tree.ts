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
  if (typeof visitor(tree, undefined, undefined) !== 'number' && 'children' in tree) walkChildren(tree, visitor)
}

function walkChildren(parent: Parents, visitor: WalkVisitor): void {
  // `parent.children` is read again at every step: a visitor may have replaced nodes in it.
  let index = 0
  while (index < parent.children.length) {
    const child = parent.children[index] as Nodes
    const next = visitor(child, index, parent)
    if (typeof next === 'number') {
      index = next
      continue
    }
    if ('children' in child) walkChildren(child, visitor)
    index++
  }
}
