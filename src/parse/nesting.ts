/**
 * Nesting limits: hostile or broken documents (10,000 nested block quotes or list items) would make
 * the Markdown parser quadratic and every tree walker overflow the stack. Beyond `MAX_NESTING`
 * levels the content is kept but flattened into the deepest allowed level, with a warning.
 */
import type { Nodes, Parents, PhrasingContent, Root, RootContent } from 'mdast'
import type { VFile } from 'vfile'
import { fail, warn } from '../messages.js'

/** Deepest nesting kept as written: block containers (quotes, list items) and inline spans each. */
export const MAX_NESTING = 48

const SPACE = 0x20
const TAB = 0x09
const GT = 0x3e

/** Length of one container marker (`>`, `-`, `+`, `*`, `1.`, `1)`) at `index`, or 0. */
function markerLength(text: string, index: number): number {
  const code = text.charCodeAt(index)
  if (code === GT) return 1
  const after = (at: number) => {
    const next = text.charCodeAt(at)
    return next === SPACE || next === TAB || Number.isNaN(next) || next === 0x0a || next === 0x0d
  }
  if (code === 0x2d || code === 0x2b || code === 0x2a) return after(index + 1) ? 1 : 0
  let end = index
  while (end - index < 9 && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x39) end++
  if (end === index) return 0
  const delimiter = text.charCodeAt(end)
  return (delimiter === 0x2e || delimiter === 0x29) && after(end + 1) ? end + 1 - index : 0
}

/**
 * Cut the run of container markers opening any line beyond `MAX_NESTING`, before parsing: the parser
 * spends time quadratic in that run, and recurses once per marker. The line's text is kept.
 */
export function limitContainerMarkers(file: VFile, text: string): string {
  let out: string[] | undefined
  let copied = 0
  let reported = 0
  let first: number | undefined
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    let index = start
    let count = 0
    let keepUntil = start
    while (index < end) {
      while (text.charCodeAt(index) === SPACE || text.charCodeAt(index) === TAB) index++
      const length = markerLength(text, index)
      if (length === 0) break
      index += length
      count++
      if (count === MAX_NESTING) keepUntil = index
    }
    if (count > MAX_NESTING) {
      out ??= []
      out.push(text.slice(copied, keepUntil), ' ')
      copied = index
      reported++
      first ??= lineOf(text, start)
    }
    start = end + 1
  }
  if (!out) return text
  out.push(text.slice(copied))
  const more = reported > 1 ? ` (and on ${reported - 1} more line${reported > 2 ? 's' : ''})` : ''
  warn(file, `block quotes or lists nest deeper than ${MAX_NESTING} levels: the deeper levels are flattened into level ${MAX_NESTING}${more}; nest less deeply to keep the structure`, { start: { line: first!, column: 1 }, end: { line: first!, column: 1 } }, 'nesting-too-deep')
  return out.join('')
}

/**
 * Most emphasis and strikethrough markers (`*`, `_`, `~` runs) one paragraph may hold: micromark
 * matches them in time quadratic in their number (10,000 nested openers take minutes).
 */
export const MAX_DELIMITER_RUNS = 5000

/** Fail the document, before parsing, when one paragraph holds more than `MAX_DELIMITER_RUNS` markers. */
export function checkDelimiterRuns(file: VFile, text: string): void {
  let fenced = false
  let runs = 0
  let blockLine = 1
  let line = 1
  const check = () => {
    if (runs <= MAX_DELIMITER_RUNS) return
    const place = { start: { line: blockLine, column: 1 }, end: { line: blockLine, column: 1 } }
    fail(file, `this paragraph has ${runs} emphasis or strikethrough markers (*, _, ~), more than the ${MAX_DELIMITER_RUNS} the parser handles in reasonable time; split the paragraph or escape the markers (\\*)`, place, 'too-many-delimiters')
  }
  for (let start = 0; start < text.length; line++) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = text.length
    let first = start
    while (text.charCodeAt(first) === SPACE || text.charCodeAt(first) === TAB) first++
    const blank = first >= end || text.charCodeAt(first) === 0x0d
    // Code is never parsed for emphasis: its markers cost nothing.
    const fence = text.startsWith('```', first) || text.startsWith('~~~', first)
    if (blank || fence) {
      check()
      if (fence) fenced = !fenced
      runs = 0
      blockLine = line + 1
    } else if (!fenced) {
      for (let index = first; index < end; index++) {
        const code = text.charCodeAt(index)
        if ((code === 0x2a || code === 0x5f || code === 0x7e) && text.charCodeAt(index - 1) !== code) runs++
      }
    }
    start = end + 1
  }
  check()
}

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) line++
  return line
}

const FLOW_CONTAINERS = new Set(['blockquote', 'listItem', 'footnoteDefinition'])
const BLOCK_WRAPPERS = new Set(['blockquote', 'list', 'listItem'])

/**
 * Flatten the tree beyond `MAX_NESTING` levels of block containers or of inline spans (emphasis in
 * emphasis…), iteratively, so that renderers may recurse safely. Returns the tree, changed in place.
 */
export function limitTreeDepth(file: VFile, tree: Root): Root {
  const stack: { node: Nodes; blocks: number; spans: number }[] = [{ node: tree, blocks: 0, spans: 0 }]
  let flattened: Nodes | undefined
  while (stack.length > 0) {
    const { node, blocks, spans } = stack.pop()!
    if (!('children' in node)) continue
    const isFlow = FLOW_CONTAINERS.has(node.type)
    const isSpan = node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell' && isPhrasingParent(node)
    const depth = { blocks: blocks + (isFlow ? 1 : 0), spans: spans + (isSpan ? 1 : 0) }
    if (isFlow && depth.blocks >= MAX_NESTING && node.children.some((child) => BLOCK_WRAPPERS.has(child.type))) {
      ;(node as Parents).children = flattenBlocks(node.children as RootContent[]) as never
      flattened ??= node
    } else if (isSpan && depth.spans >= MAX_NESTING && node.children.some((child) => 'children' in child)) {
      ;(node as Parents).children = flattenPhrasing(node.children as PhrasingContent[]) as never
      flattened ??= node
    }
    for (const child of node.children as Nodes[]) stack.push({ node: child, blocks: depth.blocks, spans: depth.spans })
  }
  if (flattened) warn(file, `content nests deeper than ${MAX_NESTING} levels: the deeper levels are flattened; nest less deeply to keep the structure`, flattened, 'nesting-too-deep')
  return tree
}

function isPhrasingParent(node: Nodes): boolean {
  return ['emphasis', 'strong', 'delete', 'link', 'linkReference', 'paragraph', 'heading', 'tableCell'].includes(node.type)
}

/** The blocks inside nested quotes and lists, in reading order, without the wrappers. */
function flattenBlocks(nodes: RootContent[]): RootContent[] {
  return unwrap(nodes, (node) => (BLOCK_WRAPPERS.has(node.type) ? ((node as Parents).children as RootContent[]) : undefined))
}

/** The leaves (text, code, images…) inside nested inline spans, in reading order. */
function flattenPhrasing(nodes: PhrasingContent[]): PhrasingContent[] {
  return unwrap(nodes, (node) => ('children' in node ? node.children : undefined))
}

/** Replace every node that `childrenOf` opens by its children, depth first, without recursion (the depth is hostile). */
function unwrap<T>(nodes: readonly T[], childrenOf: (node: T) => readonly T[] | undefined): T[] {
  const out: T[] = []
  const pending: T[] = []
  pushReversed(pending, nodes)
  while (pending.length > 0) {
    const node = pending.pop()!
    const children = childrenOf(node)
    if (children) pushReversed(pending, children)
    else out.push(node)
  }
  return out
}

/** Push in reverse without spreading (a spread of a huge array overflows the stack). */
function pushReversed<T>(stack: T[], items: readonly T[]): void {
  for (let index = items.length - 1; index >= 0; index--) stack.push(items[index]!)
}
