/** Link checks made once for both outputs: `#fragment` links must name an id the document has. */
import type { Definition, Link, LinkReference, Root } from 'mdast'
import type { VFile } from 'vfile'
import { warn } from '../messages.js'
import { walkBlocks, walkTree } from '../walk-tree.js'

/** Ids a `#fragment` may point at: heading ids (footnotes are linked by offprint itself). */
export function collectAnchors(tree: Root): Set<string> {
  const anchors = new Set<string>()
  walkBlocks(tree, (node) => {
    if (node.type !== 'heading') return
    const id = node.data?.hProperties?.id
    if (typeof id === 'string') anchors.add(id)
  })
  return anchors
}

/** Warn about `#fragment` links to ids that do not exist; both outputs then keep only the link text. */
export function checkLinks(file: VFile, tree: Root, anchors: Set<string>): void {
  const definitions = new Map<string, Definition>()
  walkBlocks(tree, (node) => {
    if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node)
  })
  walkTree(tree, (node) => {
    if (node.type !== 'link' && node.type !== 'linkReference') return
    const url = node.type === 'link' ? (node as Link).url : definitions.get((node as LinkReference).identifier)?.url
    if (url && !url.startsWith('#') && !/^[a-z][a-z0-9+.-]*:/i.test(url)) {
      warn(file, `link to "${url}" points at a file that is not part of the outputs; the link text is kept without a link`, node, 'link-local-file')
      return
    }
    if (!url?.startsWith('#')) return
    let id: string
    try {
      id = decodeURIComponent(url.slice(1))
    } catch {
      id = url.slice(1)
    }
    if (!anchors.has(id)) warn(file, `link to "${url}", but no heading has the id "${id}"; the link text is kept without a link`, node, 'link-missing-target')
  })
}

/** Resolve `#id` against the anchors: the id, or undefined when the target is missing. */
export function fragmentTarget(url: string, anchors: Set<string>): string | undefined {
  let id: string
  try {
    id = decodeURIComponent(url.slice(1))
  } catch {
    return undefined
  }
  return anchors.has(id) ? id : undefined
}

/** Whether a link shows its own address (`<https://…>`, a bare `www.…`): its text is not prose. */
export function isAutolink(link: Link): boolean {
  if (link.children.length !== 1 || link.children[0]!.type !== 'text') return false
  const text = link.children[0]!.value
  return link.url === text || link.url === `mailto:${text}` || link.url === `http://${text}` || link.url === `https://${text}`
}
