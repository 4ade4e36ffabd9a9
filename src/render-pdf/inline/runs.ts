/**
 * Phrasing content → runs: flat pieces of text that share one face and one link. Laying out
 * (`layout/text.ts`) knows nothing of mdast; this module knows nothing of pdfkit.
 */
import type { PhrasingContent } from 'mdast'
import type { FontFace } from '../fonts.js'
import type { PdfState } from '../state.js'

/** A piece of text set in one face, possibly a link. */
export interface Run extends FontFace {
  text: string
  /** External URL, for a clickable link annotation. */
  link?: string
  /** Named destination inside the PDF (a heading id or footnote), for `#fragment` links. */
  goTo?: string
  strike?: boolean
  /** Raised small text (footnote references). */
  superscript?: boolean
}

type InlineHandlers = {
  [T in PhrasingContent['type']]: (state: PdfState, node: Extract<PhrasingContent, { type: T }>, face: Run) => Run[]
}

const children = (state: PdfState, nodes: PhrasingContent[], face: Run): Run[] => nodes.flatMap((node) => inlineRuns(state, node, face))

/** Turn `href` into a run's link target: `#id` → named destination, http(s)/mailto → URL, else none. */
function linkTarget(href: string): Pick<Run, 'link' | 'goTo'> {
  if (href.startsWith('#')) return { goTo: decodeURIComponent(href.slice(1)) }
  if (/^(https?:|mailto:)/i.test(href)) return { link: href }
  return {}
}

const handlers: InlineHandlers = {
  text: (_state, node, face) => [{ ...face, text: node.value.replace(/\s*\n\s*/g, ' ') }],
  emphasis: (state, node, face) => children(state, node.children, { ...face, italic: !face.italic }),
  strong: (state, node, face) => children(state, node.children, { ...face, bold: true }),
  delete: (state, node, face) => children(state, node.children, { ...face, strike: true }),
  inlineCode: (state, node, face) => [{ ...face, family: String(state.theme.values.code_font_family), text: node.value }],
  break: (_state, _node, face) => [{ ...face, text: '\n' }],
  link: (state, node, face) => children(state, node.children, { ...face, ...linkTarget(node.url) }),
  linkReference: (state, node, face) => {
    const definition = state.definitions.get(node.identifier)
    return children(state, node.children, definition ? { ...face, ...linkTarget(definition.url) } : face)
  },
  image: (_state, node, face) => [{ ...face, text: node.alt ?? '' }],
  imageReference: (_state, node, face) => [{ ...face, text: node.alt ?? '' }],
  footnoteReference: (state, node, face) => {
    if (!state.footnoteOrder.includes(node.identifier)) state.footnoteOrder.push(node.identifier)
    const number = state.footnoteOrder.indexOf(node.identifier) + 1
    return [{ ...face, text: String(number), superscript: true, goTo: `fn-${node.identifier}` }]
  },
  html: () => [],
}

/** Runs of one phrasing node set in `face`. */
export function inlineRuns(state: PdfState, node: PhrasingContent, face: Run): Run[] {
  const handler = handlers[node.type] as (state: PdfState, node: PhrasingContent, face: Run) => Run[]
  return handler(state, node, face)
}

/** Runs of a list of phrasing nodes, adjacent runs of the same face merged. */
export function phrasingRuns(state: PdfState, nodes: PhrasingContent[], face: Run): Run[] {
  const merged: Run[] = []
  for (const run of children(state, nodes, face)) {
    const last = merged.at(-1)
    if (last && sameFace(last, run)) last.text += run.text
    else if (run.text) merged.push({ ...run })
  }
  return merged
}

function sameFace(a: Run, b: Run): boolean {
  return a.family === b.family && a.bold === b.bold && a.italic === b.italic && a.link === b.link &&
    a.goTo === b.goTo && a.strike === b.strike && a.superscript === b.superscript
}
