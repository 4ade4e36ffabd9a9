/**
 * Setting runs of text: prepare (runs → items, `paragraph-items.ts`), linebreak and finalize
 * (`line-break.ts`), then paginate (`keep.ts`) and draw each line's fragments with pdfkit. Measuring
 * never draws; drawing uses exactly the lines that were measured.
 */
import type { TextStyle } from '../../theme/resolve-style.js'
import { fontName } from '../fonts.js'
import { drawBidiRuns, needsBidi } from '../inline/bidi.js'
import { runFeatures, type Run } from '../inline/runs.js'
import { assignFonts } from '../inline/scripts.js'
import { contentWidth, drawArtifact, type PdfState } from '../state.js'
import { warn } from '../../messages.js'
import { UNHYPHENATED_LANGS } from '../../writing-systems.js'
import { hyphenatorFor, type Hyphenator } from './hyphenate.js'
import { planLineBreaks, spaceLeft } from './keep.js'
import { chooseBreaks, composeLines, firstFit, type Line } from './line-break.js'
import { LinkTags } from './link-tags.js'
import { prepareItems } from './paragraph-items.js'

/** Size of raised text (footnote references) relative to the text around it. */
const SUPERSCRIPT_SCALE = 0.62
/** How far raised text's baseline sits above the line's, relative to the font size. */
const SUPERSCRIPT_RISE = 0.33

type FontInternals = { _font: { ascender: number } }

/** Extra space between lines so that lines sit `lineHeight × fontSize` apart. */
export function lineGap(state: PdfState, style: TextStyle): number {
  state.doc.font(fontName(state.theme, style)).fontSize(style.fontSize)
  return Math.max(0, style.fontSize * style.lineHeight - state.doc.currentLineHeight(true))
}

/** Distance between two baselines in a block of this style. */
export function lineAdvance(style: TextStyle): number {
  return style.fontSize * style.lineHeight
}

/**
 * Runs made outside mdast (title block, TOC title) get fonts per script here, so that measuring and
 * drawing both see them; runs from phrasing content already have theirs (inline/runs.ts).
 */
function withScriptFonts(state: PdfState, runs: Run[]): Run[] {
  return runs.some((run) => run.font === undefined) ? assignFonts(state, runs) : runs
}

/** How a block's lines are set, beyond what its style says. */
export interface BlockLayout {
  /**
   * Lines after the first start this much further in, as much narrower, set first fit: a wrapped
   * line of code continues under its own indentation, not at the margin where a new line would start.
   */
  hang?: number
  /** Draws the sign that a line continues the one above, given where its text starts and its baseline. */
  markContinuation?: (x: number, baseline: number) => void
  /** Called on each page the block goes on to, before its next line is drawn, with the count of the block's lines drawn before it. */
  onNewPage?: (linesBefore: number) => void
}

/** The hang of a block's continuation lines: at most half the measure, so that deep indentation leaves room for text. */
function hangOf(state: PdfState, layout: BlockLayout): number {
  return Math.min(layout.hang ?? 0, contentWidth(state) / 2)
}

/** Lines of a block of runs at the current indent: the one layout both measuring and drawing use. */
export function layoutRuns(state: PdfState, runs: Run[], style: TextStyle, layout: BlockLayout = {}): Line[] {
  runs = withScriptFonts(state, runs)
  const { doc, theme } = state
  const widths = widthCache(state)
  const sizeOf = (run: Run) => (run.superscript || run.subscript ? style.fontSize * SUPERSCRIPT_SCALE : style.fontSize)
  // The widths of each run's face and size, looked up once per run rather than once per word.
  const runWidths: Map<string, number>[] = []
  const measure = (index: number, text: string) => {
    const run = runs[index]!
    const font = run.font ?? fontName(theme, run)
    let known = runWidths[index]
    if (!known) {
      const face = `${font}\u0000${sizeOf(run)}`
      known = widths.get(face)
      if (!known) widths.set(face, (known = new Map()))
      runWidths[index] = known
    }
    let width = known.get(text)
    if (width === undefined) {
      width = doc.font(font).fontSize(sizeOf(run)).widthOfString(text, { features: featuresOf(state, run) } as PDFKit.Mixins.TextOptions)
      known.set(text, width)
    }
    return width
  }
  const codeFamily = String(theme.values.code_font_family)
  // Only justified text is hyphenated: first fit would take every break it is offered.
  const hyphenator = style.hyphens && style.align === 'justify' && style.whiteSpace === 'normal' ? documentHyphenator(state) : undefined
  const width = contentWidth(state)
  const hang = hangOf(state, layout)
  const items = prepareItems(runs.map((run) => run.text), {
    measure,
    // Code and raised text keep their words whole.
    hyphenatorOf: (index) => {
      const run = runs[index]!
      if (!hyphenator || run.family === codeFamily || run.superscript) return undefined
      // A run in another language (a quotation marked `lang`) uses that language's patterns.
      const lang = (run as { lang?: string }).lang
      return lang ? hyphenatorFor(lang) : hyphenator
    },
    rigidSpace: (index) => runs[index]!.family === codeFamily,
    preserveSpace: style.whiteSpace === 'pre',
    // A word cut to fit must fit the narrower lines after the first, too.
    maxWordWidth: width - hang,
  })
  const totalFit = style.align === 'justify' && style.whiteSpace === 'normal'
  const breaks = hang > 0 ? firstFit(items, width, hang) : chooseBreaks(items, width, totalFit)
  return composeLines(items, width, breaks, style.align, hang)
}

/** Height the runs will take at the current indent, without drawing (page breaks not counted). */
export function measureRuns(state: PdfState, runs: Run[], style: TextStyle, layout: BlockLayout = {}): number {
  return layoutRuns(state, runs, style, layout).length * lineAdvance(style)
}

/**
 * Draw runs as one block from the current position, breaking pages between lines so that no page
 * ends or starts with fewer lines of the block than `*_orphans` / `*_widows` allow. Links become
 * annotations over their words; the text stays inside the marked content the caller opened.
 */
export function drawRuns(state: PdfState, runs: Run[], style: TextStyle, linkColor: string, layout: BlockLayout = {}): void {
  const { doc } = state
  runs = withScriptFonts(state, runs)
  // Right-to-left text needs visual reordering per line (src/render-pdf/inline/bidi.ts).
  if (needsBidi(runs)) return drawBidiRuns(state, runs, style, linkColor)
  const lines = layoutRuns(state, runs, style, layout)
  if (lines.length === 0) return
  const advance = lineAdvance(style)
  const usable = doc.page.height - doc.page.margins.top - doc.page.margins.bottom
  // A hair of tolerance: lines that fit exactly must not be pushed on by rounding.
  const breaks = new Set(planLineBreaks(lines.length, Math.floor((spaceLeft(state) + 0.01) / advance), Math.floor((usable + 0.01) / advance), style))
  const left = doc.page.margins.left + state.indent
  doc.font(fontName(state.theme, style)).fontSize(style.fontSize)
  const ascent = ((doc as unknown as FontInternals)._font.ascender / 1000) * style.fontSize
  const links = new LinkTags(doc)
  lines.forEach((line, index) => {
    // pdfkit's continueOnNewPage closes and reopens the open marked content, so tags survive the break.
    if (breaks.has(index)) {
      ;(doc as unknown as { continueOnNewPage(): void }).continueOnNewPage()
      layout.onNewPage?.(index)
    }
    const baseline = doc.y + ascent
    if (index > 0 && layout.markContinuation) layout.markContinuation(left + hangOf(state, layout), baseline)
    for (const fragment of line.fragments) {
      const run = runs[fragment.run]!
      const draw = () => drawFragment(state, run, fragment, left, baseline, style, linkColor)
      if (run.link || run.goTo) links.draw(run, draw)
      else draw()
    }
    doc.y += advance
  })
  links.end()
  doc.x = left
}

function drawFragment(state: PdfState, run: Run, fragment: Line['fragments'][number], left: number, baseline: number, style: TextStyle, linkColor: string): void {
  const { doc } = state
  const size = run.superscript || run.subscript ? style.fontSize * SUPERSCRIPT_SCALE : style.fontSize
  const rise = run.superscript ? style.fontSize * SUPERSCRIPT_RISE : run.subscript ? -style.fontSize * SUPERSCRIPT_RISE * 0.5 : 0
  const color = run.link || run.goTo ? linkColor : (run.color ?? style.color)
  // `run.font`: the fallback font chosen for the run's script (src/render-pdf/inline/scripts.ts).
  doc.font(run.font ?? fontName(state.theme, run)).fontSize(size).fillColor(color)
  const top = baseline - rise - ((doc as unknown as FontInternals)._font.ascender / 1000) * size
  const y = doc.y
  // Every option is given explicitly: pdfkit keeps link/underline/strike of earlier calls otherwise.
  const draw = () =>
    drawText(doc, fragment.text, left + fragment.x, top, {
      lineBreak: false,
      wordSpacing: fragment.wordSpacing,
      link: run.link ?? null,
      goTo: run.goTo ?? null,
      underline: false,
      strike: run.strike ?? false,
      features: featuresOf(state, run),
    })
  // A hyphen added at a line end is no part of the text: an artifact, which screen readers skip.
  // It is a plain `-`, which poppler's extraction and Firefox's search take as a word broken over
  // two lines and join again ("work-⏎ers" → workers); a soft hyphen (U+00AD) or an empty ActualText,
  // as before, left "work" and "ers" apart in both.
  if (fragment.hyphen) drawArtifact(state, draw)
  else draw()
  doc.y = y
}

/** The pdfkit text options a fragment is drawn with. */
interface FragmentOptions {
  lineBreak: false
  wordSpacing: number
  link: string | null
  goTo: string | null
  underline: boolean
  strike: boolean
  features: ReturnType<typeof featuresOf>
}

type TextInternals = { _fragment(text: string, x: number, y: number, options: object): void }

/**
 * What `doc.text(text, x, y, { lineBreak: false, … })` draws, without the work whose result a
 * fragment never uses: pdfkit's `text` copies the options and, after drawing, measures the text
 * again to advance `doc.x` (every fragment is placed at its own x); its `_fragment` measures the
 * text for the width of a link, underline or strike, which is given as 0 when there is none.
 */
function drawText(doc: PDFKit.PDFDocument, text: string, x: number, y: number, options: FragmentOptions): void {
  // A line feed inside the text: pdfkit draws each line at the same place; let it.
  if (text.includes('\n')) {
    doc.text(text, x, y, options as PDFKit.Mixins.TextOptions)
    return
  }
  doc.x = x
  doc.y = y
  // As pdfkit's `_text` does for spaced-out text.
  if (options.wordSpacing) text = text.replace(/\s{2,}/g, ' ')
  // The options are pdfkit's own for this call (its `_initOptions` adds `columns`, `columnGap` and
  // `rotation`, which `_fragment` does not read): passed on as they are, no copy per fragment.
  if (options.link == null && options.goTo == null && !options.strike && !options.underline) Object.assign(options, NOT_MEASURED)
  ;(doc as unknown as TextInternals)._fragment(text, x, y, options)
}

/** A fragment without link, underline or strike: `_fragment` measures it for none of those. */
const NOT_MEASURED = { textWidth: 0, wordCount: 0 }

/**
 * OpenType features for a run: code is set as typed, without contextual alternates or ligatures
 * (`!=` must not become `≠`; fontkit also fails on JetBrains Mono's `calt` ligature glyphs).
 */
function featuresOf(state: PdfState, run: Run): Record<string, boolean> | string[] | undefined {
  if (run.rtl || run.literal) return runFeatures(run) as Record<string, boolean> | string[]
  return run.family === String(state.theme.values.code_font_family) ? CODE_FEATURES : undefined
}
const CODE_FEATURES = { calt: false, liga: false, clig: false, dlig: false }

const warned = new WeakSet<object>()

/** The patterns for the document's `lang`; a language without patterns is set unhyphenated, with a warning (unless it is never hyphenated). */
function documentHyphenator(state: PdfState): Hyphenator | undefined {
  const { lang } = state.document.meta
  const hyphenator = hyphenatorFor(lang)
  if (!hyphenator && !warned.has(state.document) && !UNHYPHENATED_LANGS.has(lang.toLowerCase().split('-')[0]!)) {
    warned.add(state.document)
    warn(state.document.file, `no hyphenation patterns for lang "${lang}": justified text is set without hyphenation`, undefined, 'hyphenation-language')
  }
  return hyphenator
}

const caches = new WeakMap<PDFKit.PDFDocument, Map<string, Map<string, number>>>()

/** Word widths per document, by face and size (`font\0size`) then text: the same words recur, and fontkit's layout is not free. */
function widthCache(state: PdfState): Map<string, Map<string, number>> {
  let cache = caches.get(state.doc)
  if (!cache) caches.set(state.doc, (cache = new Map()))
  return cache
}

/** Distance from the top of a line to its baseline in the block's own font (labels drawn beside a block sit on it). */
export function baselineOffset(state: PdfState, style: TextStyle): number {
  state.doc.font(fontName(state.theme, style)).fontSize(style.fontSize)
  return ((state.doc as unknown as FontInternals)._font.ascender / 1000) * style.fontSize
}
