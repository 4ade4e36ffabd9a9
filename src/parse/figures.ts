/**
 * Figures out of running text. A paragraph holding only an image is a figure (src/figure-caption.ts);
 * so is an image with a title, even among other text: the paragraph is split around it, into the
 * text before, the image alone (a figure, its title the caption) and the text after, in that order.
 * Done once on the tree, so both outputs show the same figure at the same place.
 */
import type { Image, ImageReference, Paragraph, PhrasingContent, Root } from 'mdast'
import { normalizeIdentifier } from 'micromark-util-normalize-identifier'
import { walkBlocks } from '../walk-tree.js'

/** Split every paragraph around each titled image it holds beside other content. */
export function liftFigures(tree: Root): void {
  const titles = new Map<string, string>()
  walkBlocks(tree, (node) => {
    if (node.type === 'definition' && node.title) titles.set(normalizeIdentifier(node.label ?? node.identifier), node.title)
  })
  const titled = (node: PhrasingContent): node is Image | ImageReference =>
    (node.type === 'image' && Boolean(node.title)) || (node.type === 'imageReference' && titles.has(normalizeIdentifier(node.label ?? node.identifier)))
  walkBlocks(tree, (node, index, parent) => {
    if (node.type !== 'paragraph' || !parent || index === undefined || !node.children.some(titled)) return
    const parts: Paragraph[] = []
    let pending: PhrasingContent[] = []
    const flush = () => {
      const part = paragraphOf(pending)
      if (part) parts.push(part)
      pending = []
    }
    for (const child of node.children) {
      if (!titled(child)) {
        pending.push(child)
        continue
      }
      flush()
      parts.push({ type: 'paragraph', children: [child], position: child.position })
    }
    flush()
    if (parts.length === 1) return
    parent.children.splice(index, 1, ...parts)
    return index + parts.length
  })
}

/** A paragraph of `children` without the white space and line breaks at its edges, or none if nothing is left. */
function paragraphOf(children: PhrasingContent[]): Paragraph | undefined {
  const kept = [...children]
  const blank = (node: PhrasingContent | undefined) => node !== undefined && (node.type === 'break' || (node.type === 'text' && node.value.trim() === ''))
  while (blank(kept[0])) kept.shift()
  while (blank(kept.at(-1))) kept.pop()
  if (kept.length === 0) return undefined
  const first = kept[0]!
  const last = kept.at(-1)!
  if (first.type === 'text') kept[0] = { ...first, value: first.value.trimStart() }
  if (last.type === 'text') kept[kept.length - 1] = { ...(kept.at(-1) as typeof last), value: (kept.at(-1) as typeof last).value.trimEnd() }
  const start = first.position?.start
  const end = last.position?.end
  return { type: 'paragraph', children: kept, ...(start && end ? { position: { start, end } } : {}) }
}
