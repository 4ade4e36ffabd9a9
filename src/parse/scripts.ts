/**
 * pandoc's superscript and subscript (its `superscript` and `subscript` extensions, on by default):
 * `10^th^`, `m^2^`, `H~2~O`. Between the marks there is no space, as pandoc requires; `~~…~~` is
 * still struck through (GFM's single `~…~` strike-through is pandoc's subscript). Each becomes the
 * raw HTML `<sup>`/`<sub>` that both outputs already set, so one path serves typed HTML and these.
 * Code and autolinks keep what was typed.
 */
import type { PhrasingContent, Root } from 'mdast'
import { walkTree } from '../walk-tree.js'
import { isAutolink } from './links.js'

/** `^…^` or `~…~` around text without white space (nor the mark itself). */
const SCRIPT = /\^([^\s^]+)\^|~([^\s~]+)~/g

/** The phrasing `text` becomes: text, with each raised or lowered piece between HTML tags. */
function withScripts(text: string): PhrasingContent[] | undefined {
  if (!text.includes('^') && !text.includes('~')) return undefined
  const parts: PhrasingContent[] = []
  let at = 0
  for (const match of text.matchAll(SCRIPT)) {
    const tag = match[1] === undefined ? 'sub' : 'sup'
    if (match.index > at) parts.push({ type: 'text', value: text.slice(at, match.index) })
    parts.push({ type: 'html', value: `<${tag}>` }, { type: 'text', value: match[1] ?? match[2]! }, { type: 'html', value: `</${tag}>` })
    at = match.index + match[0].length
  }
  if (at === 0) return undefined
  if (at < text.length) parts.push({ type: 'text', value: text.slice(at) })
  return parts
}

/**
 * Set every `^…^` and `~…~` of the tree's text as superscript and subscript. `source` is the
 * Markdown the tree was parsed from: a text whose source escapes a mark (`\^`, `\~`) is left as it
 * is, since the parser has already turned the escape into the bare mark.
 */
export function liftScripts(tree: Root, source: string): void {
  walkTree(tree, (node, index, parent) => {
    // An address shown as itself (`https://example.org/~user/~x~`) is no prose.
    if (node.type === 'link' && isAutolink(node) && index !== undefined) return index + 1
    if (node.type !== 'text' || !parent || index === undefined) return
    // The parser leaves a `~` it did not pair as a text node of its own: the run is read whole.
    const siblings = parent.children as PhrasingContent[]
    while (siblings[index + 1]?.type === 'text') {
      const next = siblings.splice(index + 1, 1)[0] as typeof node
      node.value += next.value
      if (node.position && next.position) node.position = { start: node.position.start, end: next.position.end }
    }
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start !== undefined && end !== undefined && /\\[\^~]/.test(source.slice(start, end))) return
    const parts = withScripts(node.value)
    if (!parts) return
    parent.children.splice(index, 1, ...(parts as never[]))
    return index + parts.length
  })
}
