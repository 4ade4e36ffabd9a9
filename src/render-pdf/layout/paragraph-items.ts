/**
 * Inline layout, stage 1 (prepare): text runs → Knuth–Plass items. Words become boxes (split at
 * hyphenation points), spaces become stretchable glue, possible breaks become penalties. Knows no
 * pdfkit and no mdast: widths come from a `measure` callback, runs are only text and an index.
 */
import type { Box, Glue, Penalty } from 'tex-linebreak'
import { UNSPACED, segmenter } from '../../writing-systems.js'
import type { Hyphenator } from './hyphenate.js'

/** A piece of a word set in one run (a word may span runs: `war` + superscript `1`). */
export interface Piece {
  run: number
  text: string
  width: number
}

/** A word, or a syllable of one, that is never broken. */
export interface WordBox extends Box {
  pieces: Piece[]
}

/** A space between words, in the run it was typed in. */
export interface SpaceGlue extends Glue {
  run: number
}

/** A place a line may end; `hyphen` is drawn at the line end when it does. */
export interface BreakPenalty extends Penalty {
  hyphen?: Piece
}

/** One item of a paragraph being laid out. */
export type Item = WordBox | SpaceGlue | BreakPenalty

/** What `prepareItems` needs to know about the text and its fonts. */
/**
 * The hyphen added where a word breaks at a line end: a plain `-` in every face, drawn as an
 * artifact (see drawFragment), which text extraction joins back into the word.
 */
const LINE_END_HYPHEN = '-'

export interface PrepareOptions {
  /** Width of `text` set in the face and size of run `run`. */
  measure: (run: number, text: string) => number
  /** Patterns for a run's words, or undefined where it must not be hyphenated (code, headings). */
  hyphenatorOf: (run: number) => Hyphenator | undefined
  /** Spaces of this run keep their width in justified lines (inline code). */
  rigidSpace: (run: number) => boolean
  /** Keep every space and break only at line feeds or, for overlong lines, after spaces (code). */
  preserveSpace: boolean
  /** Widest a word may be: a longer one (a URL, a run of letters without spaces) is cut between characters to fit. */
  maxWordWidth?: number
}

/**
 * How much wider than `maxWordWidth` a word may measure and still be set whole: a table column is
 * sized to its widest word plus padding, and that padding taken off again is not always the same
 * number in floating point (a column of `9`, `10`, `11` drew `1` over `0`).
 */
const WIDTH_TOLERANCE = 0.01

/** Whether a word is wider than any line it could be set on (so cut between characters). */
function overlong(width: number, options: PrepareOptions): boolean {
  return options.maxWordWidth !== undefined && width > options.maxWordWidth + WIDTH_TOLERANCE
}

/** Penalty values in TeX's units: TeX's \hyphenpenalty and \exhyphenpenalty are both 50. */
const HYPHEN_PENALTY = 50
/** Fewest letters before and after a hyphen: TeX's \lefthyphenmin and \righthyphenmin for English. */
const LEFT_MIN = 2
const RIGHT_MIN = 3
/** Cost of a forced break (a line feed, the paragraph end); tex-linebreak's MIN_COST. */
const FORCED = -1000
/** Cost that forbids a break: tex-linebreak's MAX_COST. */
const MAX_COST = 1000
/** Glue at a paragraph's or line's end that takes up all the slack, as TeX's \parfillskip. */
const FILL = 100_000

const forcedBreak = (): Item[] => [
  { type: 'glue', width: 0, stretch: FILL, shrink: 0, run: 0 },
  { type: 'penalty', width: 0, cost: FORCED, flagged: false },
]

/** Turn runs of text into boxes, glue and penalties for line breaking. */
export function prepareItems(texts: string[], options: PrepareOptions): Item[] {
  const items: Item[] = []
  let word: { run: number; text: string }[] = []
  const flushWord = () => {
    if (word.length > 0) wordItems(word, options, items)
    word = []
  }
  const dropTrailingGlue = () => {
    while (items.at(-1)?.type === 'glue') items.pop()
  }
  texts.forEach((text, run) => {
    // Split on line feeds and on ASCII white space only: a no-break space stays inside its word.
    for (const token of text.split(/(\n|[ \t\r]+)/)) {
      if (token === '') continue
      if (token === '\n') {
        flushWord()
        dropTrailingGlue()
        items.push(...forcedBreak())
      } else if (/^[ \t\r]+$/.test(token)) {
        if (options.preserveSpace) {
          word.push({ run, text: token.replace(/\t/g, '    ') })
          flushWord()
          items.push({ type: 'glue', width: 0, stretch: 0, shrink: 0, run })
        } else {
          flushWord()
          const last = items.at(-1)
          // Collapse runs of spaces, and drop spaces that open the paragraph or follow a line feed.
          if (!last || last.type === 'glue' || (last.type === 'penalty' && last.cost <= FORCED)) continue
          const width = options.measure(run, ' ')
          // TeX's interword glue for Computer Modern: stretch 1/2 and shrink 1/3 of the space.
          const flexible = options.rigidSpace(run) ? 0 : 1
          items.push({ type: 'glue', width, stretch: (flexible * width) / 2, shrink: (flexible * width) / 3, run })
        }
      } else {
        word.push({ run, text: token })
      }
    }
  })
  flushWord()
  dropTrailingGlue()
  items.push(...forcedBreak())
  return items
}

/**
 * Where a word may break: a hyphenation point (`soft`: a hyphen is drawn), after its own hyphen or
 * dash (`explicit`), after a slash, or between two words of a script written without spaces (`word`).
 */
type BreakKind = 'soft' | 'explicit' | 'slash' | 'word'

/** Boxes for one word, split at its hyphenation points and after its own hyphens and slashes, added to `items`. */
function wordItems(parts: { run: number; text: string }[], options: PrepareOptions, items: Item[]): void {
  const breaks = new Map<number, BreakKind>()
  // Soft hyphens typed by the author are break points, never drawn mid-line.
  let clean: { run: number; text: string }[]
  if (parts.length === 1 && !parts[0]!.text.includes('\u00ad')) clean = parts
  else {
    clean = []
    let offset = 0
    for (const part of parts) {
      let text = ''
      for (const char of part.text) {
        if (char === '\u00ad') breaks.set(offset, 'soft')
        else {
          text += char
          offset += char.length
        }
      }
      if (text) clean.push({ run: part.run, text })
    }
  }
  const full = clean.length === 1 ? clean[0]!.text : clean.map((part) => part.text).join('')
  if (full.length === 0) return
  let hyphenate = options.hyphenatorOf(clean[0]!.run)
  for (let index = 1; index < clean.length && hyphenate; index++) if (options.hyphenatorOf(clean[index]!.run) !== hyphenate) hyphenate = undefined
  for (const [at, kind] of wordBreaks(full, hyphenate)) breaks.set(at, kind)
  if (breaks.size === 0) {
    // A word without breaks (most words): one box of its parts.
    const pieces = clean.map((part) => ({ run: part.run, text: part.text, width: options.measure(part.run, part.text) }))
    const width = pieces.reduce((sum, piece) => sum + piece.width, 0)
    if (overlong(width, options)) items.push(...cutOverlong(clean, 0, full.length, options))
    else items.push({ type: 'box', width, pieces })
    return
  }
  const cuts = [...breaks.keys()].filter((at) => at > 0 && at < full.length).sort((a, b) => a - b)
  let start = 0
  for (const end of [...cuts, full.length]) {
    const pieces = slicePieces(clean, start, end).map((part) => ({ ...part, width: options.measure(part.run, part.text) }))
    const width = pieces.reduce((sum, piece) => sum + piece.width, 0)
    if (overlong(width, options)) items.push(...cutOverlong(clean, start, end, options))
    else items.push({ type: 'box', width, pieces })
    if (end < full.length) {
      const kind = breaks.get(end)!
      const run = pieces.at(-1)!.run
      if (kind === 'soft') {
        const hyphen = { run, text: LINE_END_HYPHEN, width: options.measure(run, LINE_END_HYPHEN) }
        items.push({ type: 'penalty', width: hyphen.width, cost: HYPHEN_PENALTY, flagged: true, hyphen })
      } else {
        // Between words of Thai, Lao, Khmer or Burmese a line ends as freely as at a space.
        items.push({ type: 'penalty', width: 0, cost: kind === 'word' ? 0 : HYPHEN_PENALTY, flagged: kind === 'explicit' })
      }
    }
    start = end
  }
}

/** The breaks of words set without hyphenation: a key for `foundBreaks`. */
const UNHYPHENATED = {}
/**
 * Break points found in words, by hyphenator and word, shared by every paragraph and document:
 * the same words recur, and Liang's patterns were a tenth of a paragraph's layout time. Emptied
 * when it grows past `MAX_CACHED_WORDS`, so that a huge document's vocabulary does not pile up.
 */
const foundBreaks = new WeakMap<object, Map<string, [number, BreakKind][]>>()
const MAX_CACHED_WORDS = 100_000

/** Where `full` may break: hyphenation points (TeX's minimum letters around them kept) or word boundaries of unspaced scripts, then after its own hyphens and slashes. */
function wordBreaks(full: string, hyphenate: Hyphenator | undefined): [number, BreakKind][] {
  let cache = foundBreaks.get(hyphenate ?? UNHYPHENATED)
  if (!cache) foundBreaks.set(hyphenate ?? UNHYPHENATED, (cache = new Map()))
  let found = cache.get(full)
  if (found) return found
  found = []
  // Words of Thai, Lao, Khmer and Burmese break between words, without a hyphen (and the Thai
  // patterns would break inside them: ภา|ษา). Chinese and Japanese lines may end between any two
  // characters: an overlong run of them is cut by `cutOverlong`.
  if (UNSPACED.test(full)) {
    for (const { index } of segmenter('word').segment(full)) if (index > 0) found.push([index, 'word'])
  } else if (hyphenate && !/[/@]/.test(full)) {
    const syllables = hyphenate(full)
    if (syllables.join('') === full) {
      let at = 0
      for (const syllable of syllables.slice(0, -1)) {
        at += syllable.length
        if (letters(full.slice(0, at)) >= LEFT_MIN && letters(full.slice(at)) >= RIGHT_MIN) found.push([at, 'soft'])
      }
    }
  }
  for (let index = 1; index < full.length - 1; index++) {
    const char = full[index]
    if ((char === '-' || char === '\u2013' || char === '\u2014') && /\p{L}/u.test(full[index + 1] ?? '')) found.push([index + 1, 'explicit'])
    if (char === '/' && full[index + 1] !== '/') found.push([index + 1, 'slash'])
  }
  if (cache.size >= MAX_CACHED_WORDS) cache.clear()
  cache.set(full, found)
  return found
}

/** Cost of a line end inside a word that is wider than a line: allowed, not liked. */
const EMERGENCY_PENALTY = 200

/**
 * A place a line may end inside a word without a hyphen, as TeX's ragged-right construction: glue
 * that stretches by a whole line is there only when the line ends at the penalty (the −S glue after
 * it cancels it otherwise), so that line is set short and loose instead of unbreakable. Knuth–Plass
 * finds no feasible line ending in a box without glue, and fell back to a line wider than the page.
 */
function emergencyBreak(stretch: number, run: number): Item[] {
  return [
    // The penalty in front keeps the glue from being a break itself (glue after a box is one).
    { type: 'penalty', width: 0, cost: MAX_COST, flagged: false },
    { type: 'glue', width: 0, stretch, shrink: 0, run },
    { type: 'penalty', width: 0, cost: EMERGENCY_PENALTY, flagged: false },
    { type: 'glue', width: 0, stretch: -stretch, shrink: 0, run },
  ]
}

/**
 * Characters a line may not start with (closing brackets and punctuation, small kana, the
 * prolonged sound mark, iteration marks: JIS X 4051's kinsoku shori, also followed in Chinese)
 * and may not end with (opening brackets).
 */
const NO_LINE_START = /^[、。，．・：；？！‼⁇⁈⁉ー－〜～」』）］｝〉》】〕〗〙〟’”ゝゞヽヾ々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰ-ㇿ,.:;!?)\]}%]/u
const NO_LINE_END = /^[「『（［｛〈《【〔〖〘〝‘“(\[{]$/u
/** Breaks kinsoku may withhold in a row: at most three characters are kept together. */
const MAX_HELD = 2

/**
 * Boxes for a stretch of a word wider than a line (a URL, a chemical name, a line of CJK text
 * without spaces), one per grapheme, with an emergency break between each, except where the
 * kinsoku rules forbid a line to start or end (`NO_LINE_START`, `NO_LINE_END`): the line fills up to
 * its end, then the word goes on on the next. Never cut inside a grapheme; no hyphen drawn.
 */
function cutOverlong(parts: { run: number; text: string }[], start: number, end: number, options: PrepareOptions): Item[] {
  const items: Item[] = []
  for (const part of slicePieces(parts, start, end)) {
    // Three ems of stretch: a line short by a glyph is fine, one short by a word costs enough
    // that the breaker fills lines to the margin (any more, and every short line looks alike to it).
    const stretch = 3 * options.measure(part.run, 'M')
    // One shared set of break items per run: a line of CJK text can hold a million graphemes.
    const breakItems = emergencyBreak(stretch, part.run)
    let previous = ''
    let held = 0
    for (const { segment } of segmenter('grapheme').segment(part.text)) {
      if (items.length > 0) {
        // Kinsoku holds a few characters together, never a whole run (a line of 600 dots or ー).
        if (held < MAX_HELD && (NO_LINE_START.test(segment) || NO_LINE_END.test(previous))) held++
        else {
          items.push(...breakItems)
          held = 0
        }
      }
      previous = segment
      const width = options.measure(part.run, segment)
      items.push({ type: 'box', width, pieces: [{ run: part.run, text: segment, width }] })
    }
  }
  return items
}

function letters(text: string): number {
  return text.replace(/[^\p{L}]/gu, '').length
}

/** The parts of a word between two character offsets, each still in its run. */
function slicePieces(parts: { run: number; text: string }[], start: number, end: number): { run: number; text: string }[] {
  const out: { run: number; text: string }[] = []
  let offset = 0
  for (const part of parts) {
    const from = Math.max(start, offset)
    const to = Math.min(end, offset + part.text.length)
    if (from < to) out.push({ run: part.run, text: part.text.slice(from - offset, to - offset) })
    offset += part.text.length
  }
  return out
}
