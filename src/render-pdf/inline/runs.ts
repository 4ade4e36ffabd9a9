/**
 * Phrasing content → runs: flat pieces of text that share one face and one link. Laying out
 * (`layout/text.ts`) knows nothing of mdast; this module knows nothing of pdfkit.
 */
import type { Html, PhrasingContent } from 'mdast'
import { INLINE_TAGS, tagOf } from '../../parse/raw-html.js'
import type { FontFace } from '../fonts.js'
import type { PdfState } from '../state.js'
import { markDirection } from './bidi.js'
import { assignFonts } from './scripts.js'

/** A piece of text set in one face, possibly a link. */
export interface Run extends FontFace {
  text: string
  /** External URL, for a clickable link annotation. */
  link?: string
  /** Named destination inside the PDF (a heading id or footnote), for `#fragment` links. */
  goTo?: string
  /** The link (or footnote reference) the run is part of: all its runs make one Link structure element. */
  linkNode?: PhrasingContent
  strike?: boolean
  /** Raised small text (footnote references, `<sup>`). */
  superscript?: boolean
  /** Lowered small text (`<sub>`). */
  subscript?: boolean
  /** Registered pdfkit font chosen by script fallback; overrides the face's font. */
  font?: string
  /** Text colour (syntax highlighting); links and body text use the block's colours otherwise. */
  color?: string
  /** Right-to-left piece (bidi level odd): shaped as one glyph run. */
  rtl?: boolean
  /** The paragraph's base direction is right to left (it is right-aligned). */
  baseRtl?: boolean
  /** Bidi embedding level, for visual reordering of a line. */
  level?: number
  /** Code: set exactly as written, no ligatures (`!=` must not become `≠`). */
  literal?: boolean
}

/**
 * OpenType features for pdfkit's `features` option: a right-to-left piece is shaped as one run
 * (pdfkit would otherwise lay it out word by word in logical order); code turns ligatures off.
 */
export function runFeatures(run: Run): PDFKit.Mixins.TextOptions['features'] | undefined {
  if (run.rtl) return []
  if (run.literal) return { liga: false, calt: false, dlig: false } as never
  return undefined
}

type InlineHandlers = {
  [T in PhrasingContent['type']]: (state: PdfState, node: Extract<PhrasingContent, { type: T }>, face: Run) => Run[]
}

/** Runs of sibling nodes; inline raw HTML tags of the safe subset (`<sup>`, `<sub>`, `<kbd>`) change the face of what follows until closed. */
function children(state: PdfState, nodes: PhrasingContent[], face: Run): Run[] {
  const open: { name: string; face: Run }[] = []
  const out: Run[] = []
  for (const node of nodes) {
    const current = open.at(-1)?.face ?? face
    if (node.type === 'html') {
      const tag = tagOf(node.value)
      if (tag && !tag.closing && INLINE_TAGS.has(tag.name)) {
        open.push({ name: tag.name, face: applyTag(state, tag.name, current) })
        continue
      }
      if (tag?.closing) {
        const index = open.map((entry) => entry.name).lastIndexOf(tag.name)
        if (index >= 0) open.length = index
        continue
      }
      out.push(...htmlRuns(node, current))
      continue
    }
    out.push(...inlineRuns(state, node, current))
  }
  return out
}

function applyTag(state: PdfState, name: string, face: Run): Run {
  if (name === 'sup') return { ...face, superscript: true }
  if (name === 'sub') return { ...face, subscript: true }
  if (name === 'kbd') return { ...face, family: String(state.theme.values.code_font_family), literal: true }
  return face
}

/** A lone inline tag: `<br>` breaks the line, an `<img>` shows its alt text; others draw nothing. */
function htmlRuns(node: Html, face: Run): Run[] {
  const tag = tagOf(node.value)
  if (tag?.name === 'br') return [{ ...face, text: '\n' }]
  if (tag?.name === 'img' && tag.alt) return [{ ...face, text: tag.alt }]
  return []
}

/** Turn `href` into a run's link target: a known `#id` → named destination, http(s)/mailto → URL, else none. */
function linkTarget(state: PdfState, href: string): Pick<Run, 'link' | 'goTo'> {
  if (href.startsWith('#')) {
    const id = decodeURIComponent(href.slice(1))
    return state.document.anchors.has(id) ? { goTo: id } : {}
  }
  if (/^(https?:|mailto:)/i.test(href)) return { link: href }
  return {}
}

const handlers: InlineHandlers = {
  text: (_state, node, face) => [{ ...face, text: node.value.replace(/[ \t]*\n[ \t]*/g, ' ') }],
  emphasis: (state, node, face) => children(state, node.children, { ...face, italic: !face.italic }),
  strong: (state, node, face) => children(state, node.children, { ...face, bold: true }),
  // Never inside a paragraph (definition-list.ts draws terms); mdast-util-definition-list's types list it as phrasing.
  defListTerm: (state, node, face) => children(state, node.children, face),
  delete: (state, node, face) => children(state, node.children, { ...face, strike: true }),
  inlineCode: (state, node, face) => [{ ...face, family: String(state.theme.values.code_font_family), literal: true, text: node.value }],
  break: (_state, _node, face) => [{ ...face, text: '\n' }],
  link: (state, node, face) => children(state, node.children, { ...face, ...linkTarget(state, node.url), linkNode: node }),
  linkReference: (state, node, face) => {
    const definition = state.definitions.get(node.identifier)
    return children(state, node.children, definition ? { ...face, ...linkTarget(state, definition.url), linkNode: node } : face)
  },
  // Images inside running text show their alt text; a paragraph of one image is drawn as a figure.
  image: (_state, node, face) => [{ ...face, text: node.alt ?? '' }],
  imageReference: (_state, node, face) => [{ ...face, text: node.alt ?? '' }],
  footnoteReference: (state, node, face) => {
    if (!state.footnotes.has(node.identifier)) return [{ ...face, text: `[^${node.label ?? node.identifier}]` }]
    if (!state.footnoteOrder.includes(node.identifier)) state.footnoteOrder.push(node.identifier)
    const number = state.footnoteOrder.indexOf(node.identifier) + 1
    return [{ ...face, text: String(number), superscript: true, goTo: `fn-${node.identifier}`, linkNode: node }]
  },
  html: (_state, node, face) => htmlRuns(node, face),
}

/** Runs of one phrasing node set in `face`. */
export function inlineRuns(state: PdfState, node: PhrasingContent, face: Run): Run[] {
  const handler = handlers[node.type] as (state: PdfState, node: PhrasingContent, face: Run) => Run[]
  return handler(state, node, face)
}

/** Runs of a list of phrasing nodes: adjacent runs of one face merged, split by direction and by font. */
export function phrasingRuns(state: PdfState, nodes: PhrasingContent[], face: Run): Run[] {
  return finishRuns(state, children(state, nodes, face))
}

/** Merge adjacent runs of one face, then split them where direction or font changes. */
export function finishRuns(state: PdfState, runs: Run[]): Run[] {
  const merged: Run[] = []
  for (const run of runs) {
    const last = merged.at(-1)
    if (last && sameFace(last, run)) last.text += run.text
    else if (run.text) merged.push({ ...run })
  }
  return assignFonts(state, markDirection(merged))
}

function sameFace(a: Run, b: Run): boolean {
  return a.family === b.family && a.bold === b.bold && a.italic === b.italic && a.link === b.link && a.goTo === b.goTo && a.linkNode === b.linkNode &&
    a.strike === b.strike && a.superscript === b.superscript && a.subscript === b.subscript && a.color === b.color && a.literal === b.literal
}

/** Split runs at line breaks (`\n`): each line is laid out as its own flow, since pdfkit justifies a line ended by a break across the full width. */
export function splitLines(runs: Run[]): Run[][] {
  const lines: Run[][] = [[]]
  for (const run of runs) {
    const parts = run.text.split('\n')
    parts.forEach((text, index) => {
      if (index > 0) lines.push([])
      if (text) lines.at(-1)!.push({ ...run, text })
    })
  }
  return lines
}
