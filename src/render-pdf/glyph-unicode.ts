/**
 * What text extraction (pdf.js, poppler, copy and paste) reads from a drawn glyph: the font's
 * ToUnicode map. pdfkit keeps one entry per glyph id, the characters it was first drawn for. That is
 * wrong for shaped scripts: Noto Sans Arabic draws ن and ب with one dotless glyph plus a dot mark,
 * so every later ن read back as ب. Here each glyph gets one subset entry per character it stands
 * for (the glyph is copied into the subset when a second character uses it), a right-to-left
 * run drawn with mirrored brackets maps back to the characters the author wrote, glyphs drawn out
 * of their characters' order read back in logical order (logical-order.ts), and a glyph of width
 * never carries a nonspacing mark, which pdf.js reads as a glyph of none (`marksApart`).
 */
import { bidi } from './bidi-algorithm.js'
import { isNonspacingMark, vowelsAfterBase, withCodePoints } from './logical-order.js'

/** A glyph of a fontkit layout, with the characters it was shaped from. */
export type Glyph = { id: number; advanceWidth: number; codePoints: number[] }
/** A fontkit layout as pdfkit's fonts return it (positions scaled to pdfkit's units). */
export type Layout = { glyphs: Glyph[]; positions: object[] }
type EmbeddedFont = {
  document: object
  font: FontkitFont
  scale: number
  widths: number[]
  unicode: number[][]
  subset: { glyphs: number[]; includeGlyph(id: number): number }
  layout(text: string, features: unknown): Layout
  encode(text: string, features: unknown): [string[], object[]]
}

/**
 * What a glyph shaped from no character (the dots of ن, ت, ي that fontkit draws apart from the
 * dotless letter) reads back as: an invisible format character, which pdf.js leaves out of the
 * text. An empty entry made pdf.js read the glyph id as a control character.
 */
const PART_OF_LETTER = 0x2060

const patched = new WeakSet<object>()
/** Documents drawing a right-to-left run, and whether the run reads after a space (see drawRightToLeft). */
const mirroring = new WeakMap<object, { spaceBefore: boolean }>()

/** The character `codePoint` mirrors to (rule L4 of the bidi algorithm), or itself. */
export function mirrorCodePoint(codePoint: number): number {
  const mirrored = bidi.getMirroredCharacter(String.fromCodePoint(codePoint))
  return mirrored ? mirrored.codePointAt(0)! : codePoint
}

/** Text of a right-to-left run with every mirrored character (brackets, `<`, `«`) swapped for its mirror. */
export function mirrorText(text: string): string {
  return Array.from(text, (char) => String.fromCodePoint(mirrorCodePoint(char.codePointAt(0)!))).join('')
}

/**
 * Draw `text`, a right-to-left run, with `draw` (which sets it mirrored by `mirrorText`). Its glyphs
 * read back as the characters before mirroring, and a glyph standing for several characters (a
 * ligature) lists them in visual order, since pdf.js reverses right-to-left text as a whole. The run
 * is also marked content with the text as `/ActualText`, which poppler (pdftotext) reads instead of
 * the glyphs: it would place the invisible PART_OF_LETTER marks as words of their own.
 *
 * `spaceBefore`: the run follows a space and is drawn left of the word before it. pdf.js starts a
 * new text item at such a step back and sets no space between the two (Firefox's search and copy
 * read "مرحبابالعالم"); the run's last glyph with characters, its first letter, then reads with a
 * space after them, which pdf.js's own reordering of the item puts before the word.
 */
export function drawRightToLeft(doc: PDFKit.PDFDocument, text: string, draw: () => void, spaceBefore = false): void {
  const internals = doc as unknown as { addContent(data: string): PDFKit.PDFDocument }
  const addContent = internals.addContent
  // poppler spreads the characters over the span from left to right, then reads right-to-left text backwards.
  const actual = Array.from(text).reverse().join('')
  // Inside pdfkit's text object, where the page's flipped coordinates hold: poppler measures the
  // span in the coordinates current at EMC, and outside them it got boxes of no height.
  internals.addContent = function (data: string) {
    if (data === 'BT') addContent.call(this, `/Span << /ActualText <${textString(actual)}> >> BDC`)
    addContent.call(this, data)
    if (data === 'ET') addContent.call(this, 'EMC')
    return doc
  }
  mirroring.set(doc, { spaceBefore })
  try {
    draw()
  } finally {
    internals.addContent = addContent
    mirroring.delete(doc)
  }
}

/** A PDF text string in UTF-16BE with its byte order mark, as hex digits. */
function textString(text: string): string {
  return `FEFF${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}`
}

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number }

/**
 * The glyphs of a right-to-left run with each glyph shaped from no character (a dot of a dotless
 * letter) moved after the letter it sits on, its offset corrected. fontkit reverses the run, so the
 * dot came first; poppler placed the run's `/ActualText` at the first glyph drawn, a dot off the
 * baseline, and split the line there.
 */
function markAfterBase(run: Layout): Layout {
  const glyphs = [...run.glyphs]
  const positions = [...(run.positions as Position[])]
  for (let index = 0; index + 1 < glyphs.length; index++) {
    const mark = positions[index]!
    if (glyphs[index]!.codePoints.length > 0 || mark.xAdvance !== 0) continue
    let base = index + 1
    while (base < glyphs.length && glyphs[base]!.codePoints.length === 0 && positions[base]!.xAdvance === 0) base++
    if (base === glyphs.length) break
    const advance = positions[base]!.xAdvance
    const marks = positions.slice(index, base).map((position) => ({ ...position, xOffset: position.xOffset - advance }))
    glyphs.splice(index, base - index + 1, glyphs[base]!, ...glyphs.slice(index, base))
    positions.splice(index, base - index + 1, positions[base]!, ...marks)
    index = base
  }
  return { glyphs, positions }
}

type FontkitFont = { getGlyph(id: number, codePoints?: number[]): Glyph; glyphForCodePoint(codePoint: number): Glyph & { path: { commands: unknown[] } } }

/**
 * Make a parsed fontkit font report, for each glyph a layout returns, the characters it was shaped
 * from. fontkit caches one glyph object per id, so a glyph keeps the code points of its first use
 * (the dotless ٮ of ن read back as ب); a glyph asked for with other code points becomes a view of
 * the cached one that carries its own.
 */
export function trackCodePoints(font: object): void {
  const fontkitFont = font as FontkitFont
  const getGlyph = fontkitFont.getGlyph.bind(fontkitFont)
  // The view without characters of each glyph: the subsetter asks for every glyph it copies by id
  // alone, once per document, and a new view each time also lost the metrics fontkit caches on it.
  const uncoded = new WeakMap<Glyph, Glyph>()
  fontkitFont.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = getGlyph(id, codePoints)
    if (sameCodePoints(glyph.codePoints, codePoints)) return glyph
    if (codePoints.length > 0) return Object.create(glyph, { codePoints: { value: codePoints } }) as Glyph
    let view = uncoded.get(glyph)
    if (!view) uncoded.set(glyph, (view = Object.create(glyph, { codePoints: { value: codePoints } }) as Glyph))
    return view
  }
}

function sameCodePoints(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false
  return true
}

/** Give the current pdfkit font one ToUnicode entry per (glyph, characters) pair; idempotent. */
export function mapGlyphsPerCharacter(doc: PDFKit.PDFDocument): void {
  const font = (doc as unknown as { _font?: EmbeddedFont })._font
  if (!font || patched.has(font) || typeof font.encode !== 'function' || !font.subset) return
  patched.add(font)
  const variants = new Map<string, number>()
  // Encoded words, by features (code runs share one object; features made per run are let go) and text.
  const plainWords = new Map<string, [string[], object[]]>()
  const featureWords = new WeakMap<object, Map<string, [string[], object[]]>>()
  const wordsOf = (features: unknown) => {
    if (features === undefined || features === null) return plainWords
    if (typeof features !== 'object') return undefined
    let words = featureWords.get(features)
    if (!words) featureWords.set(features, (words = new Map()))
    return words
  }
  font.encode = function (this: EmbeddedFont, text: string, features: unknown): [string[], object[]] {
    const mirror = mirroring.get(this.document)
    const rightToLeft = mirror !== undefined
    const spaceBefore = mirror?.spaceBefore ?? false
    // A word encodes the same every time once its glyphs are in the subset (pdfkit only reads the
    // result), and justified lines are drawn word by word: encode each word once. Longer texts and
    // mirrored runs are encoded anew, so that the cache stays as small as the vocabulary.
    const known = !rightToLeft && text.length <= MAX_CACHED_WORD && !text.includes(' ') ? wordsOf(features) : undefined
    const done = known?.get(text)
    if (done) return done
    const result = encodeGlyphs.call(this, text, features, rightToLeft, spaceBefore)
    known?.set(text, result)
    return result
  }
  // The encoding of each glyph object of pdfkit's cached word layouts (unshaped by features, not
  // mirrored): the same object always has the same id and characters, so the same entry.
  const encodedGlyphs = new Map<Glyph, string>()
  function encodeGlyphs(this: EmbeddedFont, text: string, features: unknown, rightToLeft: boolean, spaceBefore: boolean): [string[], object[]] {
    const layout = this.layout(text, features)
    const reordered = rightToLeft ? markAfterBase(layout) : marksApart(vowelsAfterBase(layout, text), blankGlyph(this.font))
    const { glyphs, positions } = reordered
    // Views made for this text carry other characters than the cached glyphs: not remembered.
    const memo = rightToLeft || reordered !== layout || (features !== undefined && features !== null) ? undefined : encodedGlyphs
    const encoded: string[] = []
    // The run's first letter: its last glyph with characters (dots after it read as nothing).
    let first = spaceBefore ? glyphs.length - 1 : -1
    while (first > 0 && glyphs[first]!.codePoints.length === 0) first--
    for (const [index, glyph] of glyphs.entries()) {
      const known = memo?.get(glyph)
      if (known !== undefined) {
        encoded.push(known)
        continue
      }
      const own = glyph.codePoints.length === 0 ? [PART_OF_LETTER] : rightToLeft ? glyph.codePoints.map(mirrorCodePoint).reverse() : glyph.codePoints
      const codePoints = index === first ? [...own, 0x20] : own
      const key = `${glyph.id}:${codePoints.join(',')}`
      let gid = variants.get(key)
      if (gid === undefined) {
        gid = this.subset.includeGlyph(glyph.id)
        const known = this.unicode[gid]
        if (known && known.join(',') !== codePoints.join(',')) {
          // A copy of the glyph under a new id, so that it can carry other characters.
          this.subset.glyphs.push(glyph.id)
          gid = this.subset.glyphs.length - 1
        }
        variants.set(key, gid)
      }
      const hex = gid.toString(16).padStart(4, '0')
      encoded.push(hex)
      memo?.set(glyph, hex)
      this.widths[gid] ??= glyph.advanceWidth * this.scale
      this.unicode[gid] ??= codePoints
    }
    return [encoded, positions]
  }
}

/** Characters fonts draw as an empty glyph of no width, by preference. */
const BLANK_CHARACTERS = [0x200b, 0x200d, 0x200c, 0xfeff, 0x2060, 0x0000]

const blanks = new WeakMap<object, Glyph | null>()

/** The font's empty glyph of no width (its zero width space, most often), if it has one. */
function blankGlyph(font: FontkitFont): Glyph | undefined {
  let blank = blanks.get(font)
  if (blank === undefined) {
    const glyphs = BLANK_CHARACTERS.map((char) => font.glyphForCodePoint(char))
    blank = glyphs.find((glyph) => glyph.id !== 0 && glyph.advanceWidth === 0 && glyph.path.commands.length === 0) ?? null
    blanks.set(font, blank)
  }
  return blank ?? undefined
}

/** Where the first nonspacing mark (Unicode category Mn: ु ् ं ँ, combining accents) of `codePoints` is; -1 if none. */
function firstMark(codePoints: number[]): number {
  return codePoints.findIndex(isNonspacingMark)
}

/**
 * pdf.js (Firefox's viewer, its search and copy) takes a glyph whose text holds a nonspacing mark
 * for a mark of no width: it joins it to the text before it wherever it is drawn, and measures the
 * gap to the next glyph from the glyph before it. A glyph of width standing for a letter and its
 * mark (दु, स्, ক্র: ligatures, half forms) thus stuck the first letters of a word to the word before
 * and set spaces inside words (यह प्रति स्कूल read "यहप्र तिस्" "कू ल"). Such a glyph keeps the
 * characters before its first mark; the mark and those after it go to the next glyph when that one
 * has no width and no characters (a reph whose characters went to its consonant), else to the
 * font's empty glyph of no width, drawn right after it. poppler reads both the same.
 */
function marksApart(run: Layout, blank: Glyph | undefined): Layout {
  const positions = run.positions as Position[]
  let glyphsOut: Glyph[] | undefined
  let positionsOut: Position[] | undefined
  for (let index = 0; index < run.glyphs.length; index++) {
    const glyph = run.glyphs[index]!
    const next = run.glyphs[index + 1]
    const at = positions[index]!.xAdvance === 0 ? -1 : firstMark(glyph.codePoints)
    const carrier = next !== undefined && next.codePoints.length === 0 && positions[index + 1]!.xAdvance === 0 ? next : blank
    if (at <= 0 || carrier === undefined) {
      glyphsOut?.push(glyph)
      positionsOut?.push(positions[index]!)
      continue
    }
    glyphsOut ??= run.glyphs.slice(0, index)
    positionsOut ??= positions.slice(0, index)
    glyphsOut.push(withCodePoints(glyph, glyph.codePoints.slice(0, at)), withCodePoints(carrier, glyph.codePoints.slice(at)))
    if (carrier === next) {
      positionsOut.push(positions[index]!, positions[index + 1]!)
      index++
    } else {
      positionsOut.push(positions[index]!, { xAdvance: 0, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: 0 })
    }
  }
  return glyphsOut ? { glyphs: glyphsOut, positions: positionsOut! } : run
}

/** Longest text whose encoding is kept (words; lines of ragged text are not). */
const MAX_CACHED_WORD = 64
