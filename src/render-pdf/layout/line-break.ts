/**
 * Inline layout, stages 2 and 3 (linebreak, finalize): choose line ends over the whole paragraph
 * (Knuth–Plass total fit, from `tex-linebreak`) or first fit for ragged and preformatted text, then
 * place each line's words as fragments: pieces of one run with the x offset and word spacing to draw.
 */
import texLinebreak from 'tex-linebreak'
import type { Item, WordBox } from './paragraph-items.js'

const { adjustmentRatios, breakLines, lineContentStart } = texLinebreak

/** Consecutive words of one run on one line, drawn with one text call. */
export interface Fragment {
  run: number
  text: string
  /** Offset from the line's left edge. */
  x: number
  width: number
  /** Extra space added to every space of the fragment (negative when shrunk). */
  wordSpacing: number
  /** A hyphen added at the line end, not part of the text. */
  hyphen?: boolean
}

/** One laid-out line. */
export interface Line {
  fragments: Fragment[]
  width: number
}

/** Alignment of lines in their measure. */
export type Align = 'left' | 'right' | 'center' | 'justify'

/**
 * White space other than the ASCII space: no-break spaces (`10 000`, French `« mot »`), thin, en and
 * em spaces. pdfkit draws a fragment with word spacing by splitting it at every `\s` and putting an
 * ASCII space's width plus the word spacing in its place, so a word holding one of these would be
 * drawn wider (or narrower) than it was measured, and stretched as if it were a space between words.
 */
const OTHER_SPACE = /[^\S \n]/

/** Demerits for two hyphenated lines in a row and for a loose line next to a tight one (TeX's 10000). */
const LINE_PENALTIES = { doubleHyphenPenalty: 10_000, adjacentLooseTightPenalty: 10_000 }

/**
 * Longest paragraph, in items, broken in one search. tex-linebreak keeps a candidate per line
 * number, so its search grows with the square of the paragraph's length (a 400 kB paragraph took
 * a minute); longer paragraphs are broken a window at a time.
 */
export const WINDOW_ITEMS = 3000
/** Lines before a window's end that are set again with the next window, so the cut does not shape them. */
const OVERLAP_LINES = 3

/** Indexes of the items lines end at, led by 0 (tex-linebreak's format). */
export function chooseBreaks(items: Item[], width: number, totalFit: boolean): number[] {
  if (totalFit) {
    try {
      const breaks = items.length <= WINDOW_ITEMS ? breakLines(items, width, { ...LINE_PENALTIES, maxAdjustmentRatio: null }) : windowedTotalFit(items, width)
      // Where no sequence of lines is feasible (a word that exactly fills a line has no glue to
      // stretch), tex-linebreak returns lines wider than the measure, drawn past the page's edge.
      if (!adjustmentRatios(items, width, breaks).some((ratio) => ratio < -1 - 1e-9)) return breaks
    } catch {
      // No feasible break sequence: fall back to first fit.
    }
  }
  return firstFit(items, width)
}

/**
 * Total fit over consecutive windows of `WINDOW_ITEMS` items: each window is closed like a
 * paragraph, its lines are kept but for the last few, and the next window starts at the last kept
 * break. Lines stay optimal but for the seams, which are re-set with the window after them.
 */
function windowedTotalFit(items: Item[], width: number): number[] {
  const options = { ...LINE_PENALTIES, maxAdjustmentRatio: null }
  const close = items.slice(-2)
  const breaks = [0]
  let start = 0
  for (;;) {
    if (start + WINDOW_ITEMS >= items.length) {
      for (const found of breakLines(items.slice(start), width, options).slice(1)) breaks.push(start + found)
      return breaks
    }
    const found = breakLines([...items.slice(start, start + WINDOW_ITEMS), ...close], width, options)
    // The last break closes the window; the lines before it are set again with the next one.
    const kept = found.slice(1, Math.max(2, found.length - 1 - OVERLAP_LINES))
    if (kept.length === 0 || kept.at(-1)! >= WINDOW_ITEMS) throw new Error('no line ends inside the window')
    for (const at of kept) breaks.push(start + at)
    start += kept.at(-1)!
  }
}

/**
 * Break where the next word would overflow, at the last possible break before it. Lines after the
 * first are `hang` narrower (they start that much further in: wrapped lines of code).
 */
export function firstFit(items: Item[], width: number, hang = 0): number[] {
  const breaks = [0]
  let lineWidth = 0
  let lastBreak = -1
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (item.type === 'penalty') {
      if (item.cost <= -1000) {
        breaks.push(index)
        lineWidth = 0
        lastBreak = -1
        continue
      }
      if (item.cost < 1000) lastBreak = index
      continue
    }
    if (item.type === 'glue') {
      if (items[index - 1]?.type === 'box') lastBreak = index
      lineWidth += item.width
      continue
    }
    if (lineWidth + item.width > width - (breaks.length > 1 ? hang : 0) && lastBreak > breaks.at(-1)!) {
      breaks.push(lastBreak)
      // Width of what came after the break, up to this word, carries to the new line.
      lineWidth = naturalWidth(items, lineContentStart(items, lastBreak, index), index)
      lastBreak = -1
    }
    lineWidth += item.width
  }
  if (breaks.at(-1) !== items.length - 1) breaks.push(items.length - 1)
  return breaks
}

function naturalWidth(items: Item[], from: number, to: number): number {
  let width = 0
  for (let index = from; index < to; index++) {
    const item = items[index]!
    if (item.type !== 'penalty') width += item.width
  }
  return width
}

/**
 * Place the words of every line: fragments with x offsets, spaces stretched for justified text.
 * Lines after the first start `hang` further in (ragged text only: see `firstFit`).
 */
export function composeLines(items: Item[], width: number, breaks: number[], align: Align, hang = 0): Line[] {
  const ratios = align === 'justify' ? adjustmentRatios(items, width, breaks) : breaks.slice(1).map(() => 0)
  const lines: Line[] = []
  for (let line = 0; line + 1 < breaks.length; line++) {
    // An overfull line shrinks its spaces as far as they go, no further; a loose one stretches.
    const ratio = Math.max(-1, ratios[line] ?? 0)
    const end = breaks[line + 1]!
    const fragments: Fragment[] = []
    let x = 0
    let current: Fragment | undefined
    let space: { run: number; extra: number } | undefined
    // A word holding another space is a fragment of its own, drawn without word spacing.
    let sealed = false
    const addPiece = (piece: WordBox['pieces'][number]) => {
      const ownFragment = OTHER_SPACE.test(piece.text)
      if (current && !sealed && !ownFragment && current.run === piece.run && (!space || space.run === piece.run)) {
        if (space) {
          current.text += ' '
          current.wordSpacing = space.extra
        }
        current.text += piece.text
      } else {
        current = { run: piece.run, text: piece.text, x, width: 0, wordSpacing: 0 }
        fragments.push(current)
      }
      x += piece.width
      current.width = x - current.x
      space = undefined
      sealed = ownFragment
    }
    for (let index = lineContentStart(items, breaks[line]!, end); index < end; index++) {
      const item = items[index]!
      if (item.type === 'box') item.pieces.forEach(addPiece)
      else if (item.type === 'glue') {
        const adjusted = item.width + ratio * (ratio < 0 ? item.shrink : item.stretch)
        // Line-end fill glue and the empty glue after preformatted spaces join nothing.
        if (item.stretch < 1000 && item.width > 0) {
          space = { run: current ? item.run : -1, extra: adjusted - item.width }
          x += adjusted
        }
      }
    }
    const last = items[end]
    if (last?.type === 'penalty' && last.hyphen) {
      fragments.push({ ...last.hyphen, x, wordSpacing: 0, hyphen: true })
      x += last.hyphen.width
    }
    const indent = line > 0 ? hang : 0
    const measure = width - indent
    const offset = indent + (align === 'right' ? measure - x : align === 'center' ? (measure - x) / 2 : 0)
    if (offset > 0) for (const fragment of fragments) fragment.x += offset
    lines.push({ fragments, width: x })
  }
  return lines
}
