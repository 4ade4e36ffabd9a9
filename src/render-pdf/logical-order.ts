/**
 * Glyphs drawn in another order than their characters are written in (Indic pre-base vowels,
 * rephs, Telugu, Kannada and Sinhala vowels before below-base consonants, Khmer's subscript RO,
 * Malayalam's pre-base RA): which characters each glyph reads back as, so that text extraction
 * reads them in logical order, and every glyph of width reads as text that starts a cluster
 * (`fillGlyphsOfWidth`). Used by glyph-unicode.ts when it encodes a word.
 */
import type { Glyph, Layout } from './glyph-unicode.js'

/** A view of `glyph` that reads back as `codePoints` (fontkit's glyph objects are shared: never changed). */
export function withCodePoints(glyph: Glyph, codePoints: number[]): Glyph {
  return Object.create(glyph, { codePoints: { value: codePoints } }) as Glyph
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

/** Malayalam virama and RA: the RA of a conjunct (പ്ര) is drawn as a sign before the consonant it follows. */
const MALAYALAM_RA = [0x0d4d, 0x0d30]

/** Signs of a consonant that are drawn before the consonant they follow (counted apart from vowels). */
const RA_SIGNS = [COENG_RO, MALAYALAM_RA]

/**
 * The characters a glyph drawn before its consonant starts with (a pre-base vowel; Khmer's
 * subscript RO, which may carry a vowel moved to it before; Malayalam's pre-base RA), else undefined.
 */
function preBase(glyph: Glyph): number[] | undefined {
  const [first, second] = glyph.codePoints
  if (glyph.codePoints.length === 1 && PRE_BASE.has(first!)) return [first!]
  return RA_SIGNS.find((sign) => first === sign[0] && second === sign[1])
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

/**
 * A reph: RA and virama written before a consonant, drawn as a mark above it, after its glyph; alone,
 * or at the end of a ligature with the vowel sign before it (Devanagari ीर् of विद्यार्थी).
 */
function isReph(glyph: Glyph): boolean {
  const { codePoints } = glyph
  const [ra, virama] = codePoints.slice(-2)
  return codePoints.length >= 2 && REPH_RA.has(ra!) && virama === ra! + 0x1d
}

/**
 * Move the characters of glyph `from` (from its `start`th on; all by default) into glyph `to`'s, at
 * index `at`; a glyph left without characters reads as PART_OF_LETTER. Views, as in `trackCodePoints`.
 */
function giveCodePoints(glyphs: Glyph[], from: number, to: number, at: number, start = 0): void {
  const own = glyphs[to]!.codePoints
  const moved = glyphs[from]!.codePoints
  const codePoints = [...own.slice(0, at), ...moved.slice(start), ...own.slice(at)]
  glyphs[to] = withCodePoints(glyphs[to]!, codePoints)
  glyphs[from] = withCodePoints(glyphs[from]!, moved.slice(0, start))
}

/** Khmer's first code point: its pre-base vowels and subscript RO are drawn in orders the shift below does not follow (ក្រែ). */
const KHMER_START = 0x1780

/**
 * The glyph of a pre-base vowel (`index`) takes the characters of the glyph after it, and each
 * glyph up to its consonant's (`holder`) those of the next; the consonant's glyph keeps the
 * characters after the vowel's place (`at` on), behind the vowel's. So ि न (drawn for नि) read न, ि.
 * Every glyph of width keeps characters: a glyph read as none (PART_OF_LETTER) is skipped by pdf.js
 * without its width, which moved every later glyph of the word, and pdftotext writes the U+2060 it
 * reads into the word (स्क⁠ु⁠लের).
 */
function shiftIntoPreBase(glyphs: Glyph[], index: number, holder: number, at: number): void {
  const vowel = glyphs[index]!.codePoints
  const own = glyphs[holder]!.codePoints
  for (let position = index; position < holder - 1; position++) glyphs[position] = withCodePoints(glyphs[position]!, glyphs[position + 1]!.codePoints)
  glyphs[holder - 1] = withCodePoints(glyphs[holder - 1]!, own.slice(0, at))
  glyphs[holder] = withCodePoints(glyphs[holder]!, [...vowel, ...own.slice(at)])
}

/**
 * Whether `char` is a nonspacing mark (Unicode category Mn: ु ् ं, combining accents): pdf.js reads
 * a glyph whose text holds one as a mark of no width (glyph-unicode.ts, `marksApart`).
 */
export function isNonspacingMark(char: number): boolean {
  return char >= 0x300 && NONSPACING.test(String.fromCodePoint(char))
}

const NONSPACING = /\p{Mn}/u

/**
 * Glyphs of width that read as nothing, or as text starting with a nonspacing mark: pdf.js skips the
 * first without its width and gives the second none, so the word's later glyphs drawn apart (a mark
 * set with its own offset, the next word's comma) were read after a space ("ខ្មែ រ", "ಕನ್ನಡ ."). Left
 * without characters: a Khmer pre-base vowel or subscript RO whose characters went to its consonant,
 * a Kannada or Telugu vowel sign moved after the consonant set below; starting with a mark: that
 * below-base consonant itself (್ತ, ್ನ), which has a little width. From such a glyph (from the glyph
 * of width before it, for one starting with a mark) the characters up to the first point where there
 * are enough are dealt out again in their order, a piece to each glyph of width, each piece starting
 * where a character is no nonspacing mark; glyphs of no width keep none. So ែ ខ ្ម drawn for ខ្មែ read
 * ខ្ម, ែ and ನ ್ನ read ನ್, ನ (marksApart then sets each trailing mark on a glyph of no width).
 */
function fillGlyphsOfWidth(glyphs: Glyph[], positions: { xAdvance: number }[]): void {
  const spacing = (index: number) => positions[index]!.xAdvance !== 0
  const startsCluster = (index: number) => glyphs[index]!.codePoints.length > 0 && !isNonspacingMark(glyphs[index]!.codePoints[0]!)
  for (let index = 0; index < glyphs.length; index++) {
    if (!spacing(index) || startsCluster(index)) continue
    // From this glyph when the characters after it start a cluster, else from the glyph of width
    // before it that starts one.
    let next = index
    while (next < glyphs.length && glyphs[next]!.codePoints.length === 0) next++
    let start = index
    if (next === glyphs.length || !startsCluster(next)) {
      while (start > 0 && !(spacing(start - 1) && startsCluster(start - 1))) start--
      if (--start < 0) continue
    }
    // The shortest run of glyphs from `start` whose characters can give each glyph of width a piece.
    const chars: number[] = []
    let widths = 0
    let starts = 0
    let end = start
    for (; end < glyphs.length; end++) {
      for (const char of glyphs[end]!.codePoints) {
        if (chars.length > 0 && !isNonspacingMark(char)) starts++
        chars.push(char)
      }
      if (spacing(end)) widths++
      if (end >= index && chars.length > 0 && !isNonspacingMark(chars[0]!) && starts + 1 >= widths) break
    }
    if (end === glyphs.length) break
    // Cut before the last `widths - 1` characters that may start a piece: the vowel keeps a glyph of its own.
    const starters = chars.flatMap((char, at) => (at > 0 && !isNonspacingMark(char) ? [at] : []))
    const bounds = [0, ...(widths > 1 ? starters.slice(-(widths - 1)) : []), chars.length]
    const pieces = bounds.slice(0, -1).map((from, at) => chars.slice(from, bounds[at + 1]))
    let piece = 0
    for (let at = start; at <= end; at++) glyphs[at] = withCodePoints(glyphs[at]!, spacing(at) ? pieces[piece++]! : [])
    index = end
  }
}

/**
 * A layout of Indic (and Khmer) text whose glyphs read back in logical order: a pre-base vowel's
 * characters go after those of the consonant written before it (the first such glyph after the
 * vowel's; `shiftIntoPreBase`; in Khmer, and for its subscript RO, into that glyph, the vowel's
 * own glyph reading as PART_OF_LETTER), a reph's to the glyph of the consonant written after it
 * (the last such glyph before the reph's).
 * Positions are matched against the decomposed text, as fontkit splits a two-part vowel (ো) into
 * its parts (ে, া). pdfkit's cached layouts are not changed: the result is a new layout.
 */
export function vowelsAfterBase(run: Layout, text: string): Layout {
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
      const ro = RA_SIGNS.includes(sequence)
      const at = indexOfSequence(chars, sequence, ro ? roFrom : vowelFrom)
      if (at < 0) continue
      if (ro) roFrom = at + sequence.length
      else vowelFrom = at + sequence.length
      const base = chars[at - 1]
      const holder = base === undefined ? -1 : glyphs.findIndex((other, position) => position > index && other.codePoints.includes(base))
      if (holder < 0) continue
      // Right after the consonant: a ligature may hold more (Sinhala ම් of මේ, which is ම ෙ ්).
      const after = glyphs[holder]!.codePoints.lastIndexOf(base!) + 1
      if (sequence[0]! >= KHMER_START) {
        giveCodePoints(glyphs, index, holder, after)
      } else {
        shiftIntoPreBase(glyphs, index, holder, after)
        index = holder
      }
    } else if (isReph(glyph)) {
      const start = glyph.codePoints.length - 2
      const [ra, virama] = glyph.codePoints.slice(start)
      let at = chars.indexOf(ra!, rephFrom)
      while (at >= 0 && chars[at + 1] !== virama) at = chars.indexOf(ra!, at + 1)
      if (at < 0) continue
      rephFrom = at + 2
      const base = chars[at + 2]
      let holder = index - 1
      while (holder >= 0 && (base === undefined || !glyphs[holder]!.codePoints.includes(base))) holder--
      if (holder >= 0) giveCodePoints(glyphs, index, holder, glyphs[holder]!.codePoints.indexOf(base!), start)
    }
  }
  vowelsAfterBelowBase(glyphs, chars)
  fillGlyphsOfWidth(glyphs, run.positions as { xAdvance: number }[])
  return { glyphs, positions: run.positions }
}

/**
 * Telugu, Kannada and Sinhala viramas: a virama and the consonant after it (in Sinhala with a zero
 * width joiner between: the rakaransaya and yansaya of ශ්‍රී, ක්‍ය), set below or after the base, are one glyph.
 */
const BELOW_VIRAMA = new Set([0x0c4d, 0x0ccd, 0x0dca])

/** A glyph of consonants set below the base: virama (and joiner) and consonant, once or more (Kannada ್ತ್ರ of ಸ್ತ್ರೀ). */
function isBelowBase(glyph: Glyph): boolean {
  const { codePoints } = glyph
  let index = 0
  while (index < codePoints.length) {
    if (!BELOW_VIRAMA.has(codePoints[index++]!)) return false
    if (codePoints[index] === 0x200d) index++
    if (index >= codePoints.length || BELOW_VIRAMA.has(codePoints[index++]!)) return false
  }
  return codePoints.length >= 2
}

/** Dependent vowel signs of Telugu, Kannada and Sinhala (the viramas excepted). */
function isVowelSign(char: number): boolean {
  return (char >= 0x0c3e && char <= 0x0c4c) || char === 0x0c55 || char === 0x0c56 || (char >= 0x0cbe && char <= 0x0ccc) || char === 0x0cd5 || char === 0x0cd6 || (char >= 0x0dcf && char <= 0x0ddf && char !== 0x0dca) || char === 0x0df2 || char === 0x0df3
}

/**
 * Telugu, Kannada and Sinhala draw a vowel sign (alone, or in one glyph with its base) before the
 * consonants set below or after the base, though it is written after them (నమస్కారం: సా, ్క;
 * pdftotext read నమసా్కరం; Sinhala ශ්‍රී: ශී, ්‍ර):
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
