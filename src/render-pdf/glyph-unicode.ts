/**
 * What text extraction (pdf.js, poppler, copy and paste) reads from a drawn glyph: the font's
 * ToUnicode map. pdfkit keeps one entry per glyph id, the characters it was first drawn for. That is
 * wrong for shaped scripts: Noto Sans Arabic draws ن and ب with one dotless glyph plus a dot mark,
 * so every later ن read back as ب. Here each glyph gets one subset entry per character it stands
 * for (the glyph is copied into the subset when a second character uses it), and a right-to-left
 * run drawn with mirrored brackets maps back to the characters the author wrote.
 */
import { createRequire } from 'node:module'

// CommonJS package whose typings declare an ES default export: load it with require.
const bidi = (createRequire(import.meta.url)('bidi-js') as typeof import('bidi-js').default)()

type Glyph = { id: number; advanceWidth: number; codePoints: number[] }
type Layout = { glyphs: Glyph[]; positions: object[] }
type EmbeddedFont = {
  document: object
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
const mirroring = new WeakSet<object>()

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
 */
export function drawRightToLeft(doc: PDFKit.PDFDocument, text: string, draw: () => void): void {
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
  mirroring.add(doc)
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

type Position = { xAdvance: number; xOffset: number }

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

type FontkitFont = { getGlyph(id: number, codePoints?: number[]): Glyph }

/**
 * Make a parsed fontkit font report, for each glyph a layout returns, the characters it was shaped
 * from. fontkit caches one glyph object per id, so a glyph keeps the code points of its first use
 * (the dotless ٮ of ن read back as ب); a glyph asked for with other code points becomes a view of
 * the cached one that carries its own.
 */
export function trackCodePoints(font: object): void {
  const fontkitFont = font as FontkitFont
  const getGlyph = fontkitFont.getGlyph.bind(fontkitFont)
  fontkitFont.getGlyph = (id: number, codePoints: number[] = []) => {
    const glyph = getGlyph(id, codePoints)
    if (glyph.codePoints.join(',') === codePoints.join(',')) return glyph
    return Object.create(glyph, { codePoints: { value: codePoints } }) as Glyph
  }
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
    const rightToLeft = mirroring.has(this.document)
    // A word encodes the same every time once its glyphs are in the subset (pdfkit only reads the
    // result), and justified lines are drawn word by word: encode each word once. Longer texts and
    // mirrored runs are encoded anew, so that the cache stays as small as the vocabulary.
    const known = !rightToLeft && text.length <= MAX_CACHED_WORD && !text.includes(' ') ? wordsOf(features) : undefined
    const done = known?.get(text)
    if (done) return done
    const result = encodeGlyphs.call(this, text, features, rightToLeft)
    known?.set(text, result)
    return result
  }
  // The encoding of each glyph object of pdfkit's cached word layouts (unshaped by features, not
  // mirrored): the same object always has the same id and characters, so the same entry.
  const encodedGlyphs = new Map<Glyph, string>()
  function encodeGlyphs(this: EmbeddedFont, text: string, features: unknown, rightToLeft: boolean): [string[], object[]] {
    const layout = this.layout(text, features)
    const reordered = rightToLeft ? markAfterBase(layout) : vowelsAfterBase(layout, text)
    const { glyphs, positions } = reordered
    // Views made for this text carry other characters than the cached glyphs: not remembered.
    const memo = rightToLeft || reordered !== layout || (features !== undefined && features !== null) ? undefined : encodedGlyphs
    const encoded: string[] = []
    for (const glyph of glyphs) {
      const known = memo?.get(glyph)
      if (known !== undefined) {
        encoded.push(known)
        continue
      }
      const codePoints = glyph.codePoints.length === 0 ? [PART_OF_LETTER] : rightToLeft ? glyph.codePoints.map(mirrorCodePoint).reverse() : glyph.codePoints
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

/**
 * Vowel signs written after their consonant but drawn before it (Devanagari ि, Bengali ে, Tamil ெ,
 * Malayalam െ, Sinhala ෙ, and the two-part vowels that begin with one). fontkit puts their glyph
 * first, as they are seen; text extraction then read "िहन्दी" for "हिन्दी".
 */
const PRE_BASE = /^[\u093F\u094E\u09BF\u09C7\u09C8\u09CB\u09CC\u0A3F\u0ABF\u0B47\u0B48\u0B4B\u0B4C\u0BC6-\u0BC8\u0BCA-\u0BCC\u0D46-\u0D48\u0D4A-\u0D4C\u0DD9-\u0DDB\u0DDC-\u0DDE]$/u

/**
 * A layout whose pre-base vowel glyphs read back in logical order: the vowel's characters go to the
 * glyph of the consonant written before it in `text` (the first such glyph after the vowel's), and
 * the vowel glyph reads as PART_OF_LETTER. Glyphs are views carrying other code points (see
 * `trackCodePoints`), so pdfkit's cached layouts are not changed.
 */
function vowelsAfterBase(run: Layout, text: string): Layout {
  const { glyphs } = run
  const preBase = glyphs.some((glyph) => glyph.codePoints.length === 1 && PRE_BASE.test(String.fromCodePoint(glyph.codePoints[0]!)))
  const reph = glyphs.some(isReph)
  if (!preBase && !reph) return run
  // Decomposed, as fontkit splits a two-part vowel (Bengali ো) into its parts (ে, া).
  const chars = Array.from(text.normalize('NFD'))
  const out = [...glyphs]
  let searchFrom = 0
  for (let index = 0; index < out.length; index++) {
    const vowel = out[index]!
    if (vowel.codePoints.length !== 1 || !PRE_BASE.test(String.fromCodePoint(vowel.codePoints[0]!))) continue
    // The consonant before this vowel in the text (after earlier vowels' consonants).
    const at = chars.findIndex((char, position) => position >= searchFrom && char.codePointAt(0) === vowel.codePoints[0])
    const base = at > 0 ? chars[at - 1]!.codePointAt(0)! : undefined
    searchFrom = at + 1
    const holder = base === undefined ? -1 : out.findIndex((glyph, position) => position > index && glyph.codePoints.includes(base))
    if (holder < 0) continue
    const host = out[holder]!
    out[holder] = Object.create(host, { codePoints: { value: [...host.codePoints, ...vowel.codePoints] } }) as Glyph
    out[index] = Object.create(vowel, { codePoints: { value: [] } }) as Glyph
  }
  if (reph) rephBeforeBase(out, chars)
  return { glyphs: out, positions: run.positions }
}

/** A reph: RA and virama written before a consonant, drawn as a mark above it, after its glyph. */
function isReph(glyph: Glyph): boolean {
  const [ra, virama] = glyph.codePoints
  return glyph.codePoints.length === 2 && REPH_RA.has(ra!) && virama === ra! + (VIRAMA_OFFSET.get(ra!) ?? 0)
}

/** RA of Devanagari, Bengali, Gujarati, Oriya, Telugu, Kannada and Malayalam; its virama lies at a fixed distance. */
const VIRAMA_OFFSET = new Map([[0x0930, 0x1d], [0x09b0, 0x1d], [0x0ab0, 0x1d], [0x0b30, 0x1d], [0x0c30, 0x1d], [0x0cb0, 0x1d], [0x0d30, 0x1d]])
const REPH_RA = new Set(VIRAMA_OFFSET.keys())

/**
 * Give a reph's characters to the glyph of the consonant written after it in `chars` (the last such
 * glyph before the reph's), so that "धर्म" does not read back "धमर्".
 */
function rephBeforeBase(out: Glyph[], chars: string[]): void {
  let searchFrom = 0
  for (let index = 0; index < out.length; index++) {
    const reph = out[index]!
    if (!isReph(reph)) continue
    const [ra, virama] = reph.codePoints
    const at = chars.findIndex((char, position) => position >= searchFrom && char.codePointAt(0) === ra && chars[position + 1]?.codePointAt(0) === virama)
    if (at < 0) continue
    searchFrom = at + 2
    const base = chars[at + 2]?.codePointAt(0)
    let holder = -1
    for (let position = index - 1; position >= 0 && holder < 0; position--) if (base !== undefined && out[position]!.codePoints.includes(base)) holder = position
    if (holder < 0) continue
    const host = out[holder]!
    out[holder] = Object.create(host, { codePoints: { value: [...reph.codePoints, ...host.codePoints] } }) as Glyph
    out[index] = Object.create(reph, { codePoints: { value: [] } }) as Glyph
  }
}

/** Longest text whose encoding is kept (words; lines of ragged text are not). */
const MAX_CACHED_WORD = 64
