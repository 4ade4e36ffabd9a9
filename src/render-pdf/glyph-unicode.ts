/**
 * What text extraction (pdf.js, poppler, copy and paste) reads from a drawn glyph: the font's
 * ToUnicode map. pdfkit keeps one entry per glyph id, the characters it was first drawn for. That is
 * wrong for shaped scripts: Noto Sans Arabic draws ن and ب with one dotless glyph plus a dot mark,
 * so every later ن read back as ب. Here each glyph gets one subset entry per character it stands
 * for (the glyph is copied into the subset when a second character uses it), and a right-to-left
 * run drawn with mirrored brackets maps back to the characters the author wrote.
 */
import { bidi } from './bidi-algorithm.js'

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
 * Malayalam െ, Sinhala ෙ, Khmer េ ែ ៃ, and the two-part vowels that begin with one). fontkit puts their glyph
 * first, as they are seen; text extraction then read "िहन्दी" for "हिन्दी".
 */
const PRE_BASE = new Set([0x093f, 0x094e, 0x09bf, 0x09c7, 0x09c8, 0x09cb, 0x09cc, 0x0a3f, 0x0abf, 0x0b47, 0x0b48, 0x0b4b, 0x0b4c, 0x0bc6, 0x0bc7, 0x0bc8, 0x0bca, 0x0bcb, 0x0bcc, 0x0d46, 0x0d47, 0x0d48, 0x0d4a, 0x0d4b, 0x0d4c, 0x0dd9, 0x0dda, 0x0ddb, 0x0ddc, 0x0ddd, 0x0dde, 0x17c1, 0x17c2, 0x17c3])

/** Scripts from Devanagari to Sinhala, and Khmer: only their text is looked at for reordered glyphs. */
const INDIC = /[\u0900-\u0DFF\u1780-\u17FF]/u

/** Khmer COENG and RO: the subscript RO is drawn before the consonant it follows. */
const COENG_RO = [0x17d2, 0x179a]

/**
 * The characters a glyph drawn before its consonant starts with (a pre-base vowel; Khmer's
 * subscript RO, which may carry a vowel moved to it before), else undefined.
 */
function preBase(glyph: Glyph): number[] | undefined {
  const [first, second] = glyph.codePoints
  if (glyph.codePoints.length === 1 && PRE_BASE.has(first!)) return [first!]
  if (first === COENG_RO[0] && second === COENG_RO[1]) return COENG_RO
  return undefined
}

/** Where `sequence` starts in `chars`, from `from` on; -1 if nowhere. */
function indexOfSequence(chars: number[], sequence: number[], from: number): number {
  for (let at = chars.indexOf(sequence[0]!, from); at >= 0; at = chars.indexOf(sequence[0]!, at + 1)) {
    if (sequence.every((char, offset) => chars[at + offset] === char)) return at
  }
  return -1
}

/** RA of Devanagari, Bengali, Gujarati, Oriya, Telugu, Kannada and Malayalam; each script's virama is RA + 0x1D. */
const REPH_RA = new Set([0x0930, 0x09b0, 0x0ab0, 0x0b30, 0x0c30, 0x0cb0, 0x0d30])

/** A reph: RA and virama written before a consonant, drawn as a mark above it, after its glyph. */
function isReph(glyph: Glyph): boolean {
  const [ra, virama] = glyph.codePoints
  return glyph.codePoints.length === 2 && REPH_RA.has(ra!) && virama === ra! + 0x1d
}

/**
 * Move the characters of glyph `from` (from its `start`th on; all by default) into glyph `to`'s, at
 * index `at`; a glyph left without characters reads as PART_OF_LETTER. Views, as in `trackCodePoints`.
 */
function giveCodePoints(glyphs: Glyph[], from: number, to: number, at: number, start = 0): void {
  const own = glyphs[to]!.codePoints
  const moved = glyphs[from]!.codePoints
  const codePoints = [...own.slice(0, at), ...moved.slice(start), ...own.slice(at)]
  glyphs[to] = Object.create(glyphs[to]!, { codePoints: { value: codePoints } }) as Glyph
  glyphs[from] = Object.create(glyphs[from]!, { codePoints: { value: moved.slice(0, start) } }) as Glyph
}

/**
 * A layout of Indic (and Khmer) text whose glyphs read back in logical order: a pre-base vowel's
 * (or Khmer subscript RO's) characters go to the glyph of the consonant written before it (the first such glyph after the vowel's), a
 * reph's to the glyph of the consonant written after it (the last such glyph before the reph's).
 * Positions are matched against the decomposed text, as fontkit splits a two-part vowel (ো) into
 * its parts (ে, া). pdfkit's cached layouts are not changed: the result is a new layout.
 */
function vowelsAfterBase(run: Layout, text: string): Layout {
  if (!INDIC.test(text) || !run.glyphs.some((glyph) => preBase(glyph) || isReph(glyph) || isBelowBase(glyph))) return run
  const chars = Array.from(text.normalize('NFD'), (char) => char.codePointAt(0)!)
  const glyphs = [...run.glyphs]
  let vowelFrom = 0
  let roFrom = 0
  let rephFrom = 0
  for (let index = 0; index < glyphs.length; index++) {
    const glyph = glyphs[index]!
    const sequence = preBase(glyph)
    if (sequence) {
      // The consonant before this vowel in the text (after the earlier vowels' places; Khmer's
      // subscript RO is counted apart, as a vowel after it in the text is drawn before it: ក្រែ).
      const ro = sequence === COENG_RO
      const at = indexOfSequence(chars, sequence, ro ? roFrom : vowelFrom)
      if (at < 0) continue
      if (ro) roFrom = at + sequence.length
      else vowelFrom = at + sequence.length
      const base = chars[at - 1]
      const holder = base === undefined ? -1 : glyphs.findIndex((other, position) => position > index && other.codePoints.includes(base))
      // Right after the consonant: a ligature may hold more (Sinhala ම් of මේ, which is ම ෙ ්).
      if (holder >= 0) giveCodePoints(glyphs, index, holder, glyphs[holder]!.codePoints.lastIndexOf(base!) + 1)
    } else if (isReph(glyph)) {
      const [ra, virama] = glyph.codePoints
      let at = chars.indexOf(ra!, rephFrom)
      while (at >= 0 && chars[at + 1] !== virama) at = chars.indexOf(ra!, at + 1)
      if (at < 0) continue
      rephFrom = at + 2
      const base = chars[at + 2]
      let holder = index - 1
      while (holder >= 0 && (base === undefined || !glyphs[holder]!.codePoints.includes(base))) holder--
      if (holder >= 0) giveCodePoints(glyphs, index, holder, glyphs[holder]!.codePoints.indexOf(base!))
    }
  }
  vowelsAfterBelowBase(glyphs, chars)
  return { glyphs, positions: run.positions }
}

/** Telugu and Kannada viramas: a virama and the consonant after it, set below the base, are one glyph. */
const BELOW_VIRAMA = new Set([0x0c4d, 0x0ccd])

/** A glyph of consonants set below the base: virama and consonant, once or more (Kannada ್ತ್ರ of ಸ್ತ್ರೀ). */
function isBelowBase(glyph: Glyph): boolean {
  const { codePoints } = glyph
  return codePoints.length >= 2 && codePoints.length % 2 === 0 && codePoints.every((char, index) => index % 2 === 1 || BELOW_VIRAMA.has(char))
}

/** Dependent vowel signs of Telugu and Kannada (the virama excepted). */
function isVowelSign(char: number): boolean {
  return (char >= 0x0c3e && char <= 0x0c4c) || char === 0x0c55 || char === 0x0c56 || (char >= 0x0cbe && char <= 0x0ccc) || char === 0x0cd5 || char === 0x0cd6
}

/**
 * Telugu and Kannada draw a vowel sign (alone, or in one glyph with its base) before the consonants
 * set below the base, though it is written after them (నమస్కారం: సా, ్క; pdftotext read నమసా్కరం):
 * the vowel's characters go to the last of those glyphs, after its own.
 */
function vowelsAfterBelowBase(glyphs: Glyph[], chars: number[]): void {
  let from = 0
  for (let index = 0; index < glyphs.length; index++) {
    const own = glyphs[index]!.codePoints
    let start = own.length
    while (start > 0 && isVowelSign(own[start - 1]!)) start--
    if (start === own.length) continue
    let last = index
    while (last + 1 < glyphs.length && isBelowBase(glyphs[last + 1]!)) last++
    if (last === index) continue
    const below = glyphs[last]!.codePoints
    const at = indexOfSequence(chars, [...below, own[start]!], from)
    if (at < 0) continue
    from = at + below.length + 1
    giveCodePoints(glyphs, index, last, below.length, start)
  }
}

/** Longest text whose encoding is kept (words; lines of ragged text are not). */
const MAX_CACHED_WORD = 64
