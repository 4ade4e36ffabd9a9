/**
 * Font fallback per script: every run is split where its characters need another font. A font
 * without a glyph would silently drop the character in pdfkit, so each character goes to the first
 * font that has it: the run's own face, the font of its script (`font_arabic_*`, `font_hebrew_*`,
 * `font_devanagari_*` and the other families of src/writing-systems.ts; `font_jp_*`, `font_sc_*`,
 * `font_kr_*` chosen for Han by the document's `lang`), then the generic
 * fallbacks listed in `font_fallback` (symbols, math, emoji).
 */
import * as fontkit from 'fontkit'
import type { Position } from 'unist'
import { warn } from '../../messages.js'
import { lettersOf, RIGHT_TO_LEFT, WRITING_SYSTEMS } from '../../writing-systems.js'
import type { Theme } from '../../theme/load-theme.js'
import { fontName } from '../fonts.js'
import type { PdfState } from '../state.js'
import type { Run } from './runs.js'

const opened = new Map<string, fontkit.Font>()

/** The fontkit view of a registered font file, opened once per process (for coverage checks only). */
function openFont(file: string): fontkit.Font {
  let font = opened.get(file)
  if (!font) {
    font = fontkit.openSync(file)
    opened.set(file, font)
  }
  return font
}

/** Scripts set in a font of their own (`font_<family>_*`), by Unicode script (src/writing-systems.ts). */
const SCRIPT_FAMILIES: [RegExp, string][] = WRITING_SYSTEMS.filter((system) => system.family).map((system) => [lettersOf(system), system.family!])

/**
 * Symbol blocks set from one font each, so that a row of arrows or a drawn box does not mix the
 * shapes, weights and widths of several fonts (JetBrains Mono has → but not ⇒, which came from
 * Noto Sans Math beside it). The family is the one of `font_fallback` that covers the whole block:
 * box drawing and block elements only JetBrains Mono has; arrows and geometric shapes Noto Sans
 * Math. Tried before the run's own font. (Math operators stay with the text's font where it has
 * them: a minus sign should match the digits beside it.)
 */
const SYMBOL_FAMILIES: [RegExp, string][] = [
  [/[\u2500-\u259f]/u, 'mono'],
  [/[\u2190-\u21ff\u27f0-\u27ff\u2900-\u297f\u25a0-\u25ff]/u, 'math'],
]

/** The family chosen for a symbol's whole block, if the character is in one of SYMBOL_FAMILIES. */
function symbolFamily(char: string): string | undefined {
  return SYMBOL_FAMILIES.find(([pattern]) => pattern.test(char))?.[1]
}

/** Theme font families of a script that needs its own font, by the character's Unicode script, best first. */
function scriptFamilies(char: string, lang: string): string[] {
  for (const [pattern, family] of SCRIPT_FAMILIES) if (pattern.test(char)) return [family]
  if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u.test(char)) {
    // Han characters are shared; the document's language picks the regional glyph forms.
    const primary = lang.toLowerCase().split('-')[0]
    return primary === 'zh' ? ['sc', 'jp', 'kr'] : primary === 'ko' ? ['kr', 'jp', 'sc'] : ['jp', 'sc', 'kr']
  }
  return []
}

/** Characters that never decide a font: they stay with the character before them. */
const JOINER = /[\u200b-\u200f\ufe0e\ufe0f\u20e3]|\p{Mark}/u

/** The registered font of `family` in the run's weight, or its regular face. */
function familyFont(theme: Theme, family: string, run: Run): string | undefined {
  if (!theme.fonts[`${family}_regular`]) return undefined
  return fontName(theme, { family, bold: run.bold, italic: false })
}

/** Choose the font for one character of `run` (undefined: no font has it). */
function fontFor(state: PdfState, run: Run, char: string): string | undefined {
  const { theme } = state
  const own = fontName(theme, run)
  const codePoint = char.codePointAt(0)!
  const families = [...scriptFamilies(char, state.document.meta.lang), ...fallbackFamilies(theme)]
  const symbols = symbolFamily(char)
  // Code keeps its own font for symbols: a box drawn in a code block must line up with its text.
  const first = symbols && run.family !== String(theme.values.code_font_family) ? [familyFont(theme, symbols, run)] : []
  const candidates = [...first, own, ...families.map((family) => familyFont(theme, family, run))]
  for (const name of candidates) {
    if (name && openFont(theme.fonts[name]!).hasGlyphForCodePoint(codePoint)) return name
  }
  return undefined
}

/** The generic fallback families, in the order `font_fallback` lists them. */
function fallbackFamilies(theme: Theme): string[] {
  return String(theme.values.font_fallback ?? '').split(/[\s,]+/).filter(Boolean)
}

/** A joiner's choice: it keeps the font of the character before it. */
const KEEP = 0
/** The font a character goes to: a registered font name, `KEEP`, or null when no font has it. */
type Choice = string | typeof KEEP | null

/**
 * Choices by code point, per theme, language, face and weight: the same few hundred characters
 * come back millions of times in a long document, and each fresh choice tests several regular
 * expressions and font tables.
 */
const choices = new WeakMap<Theme, Map<string, Map<number, Choice>>>()

function choiceTable(state: PdfState, own: string, bold: boolean): Map<number, Choice> {
  let byFace = choices.get(state.theme)
  if (!byFace) choices.set(state.theme, (byFace = new Map()))
  const key = `${state.document.meta.lang}\n${own}\n${bold}`
  let table = byFace.get(key)
  if (!table) byFace.set(key, (table = new Map()))
  return table
}

function choose(state: PdfState, run: Run, own: string, char: string): Choice {
  // Spaces take the run's own width (an emoji font's space is far wider than the text's).
  if (/\s/.test(char)) return own
  if (JOINER.test(char)) return KEEP
  return fontFor(state, run, char) ?? null
}

/** Split runs so that each piece is set in a font that has all its glyphs (`Run.font`). */
export function assignFonts(state: PdfState, runs: Run[]): Run[] {
  const out: Run[] = []
  for (const run of runs) {
    const first = out.length
    const own = fontName(state.theme, run)
    const table = choiceTable(state, own, run.bold)
    const text = run.text
    let pieceStart = 0
    let pieceFont: string | undefined
    for (let index = 0; index < text.length; ) {
      const codePoint = text.codePointAt(index)!
      const width = codePoint > 0xffff ? 2 : 1
      let choice = table.get(codePoint)
      if (choice === undefined) table.set(codePoint, (choice = choose(state, run, own, text.slice(index, index + width))))
      if (choice === null) reportMissingGlyph(state, text.slice(index, index + width))
      const font = choice === KEEP ? (pieceFont ?? own) : (choice ?? own)
      if (font !== pieceFont) {
        if (pieceFont !== undefined) out.push({ ...run, text: text.slice(pieceStart, index), font: pieceFont })
        pieceStart = index
        pieceFont = font
      }
      index += width
    }
    if (pieceFont !== undefined) out.push({ ...run, text: text.slice(pieceStart), font: pieceFont })
    if (run.rtl) out.splice(first, out.length - first, ...punctuationWithLetters(state, out.slice(first)))
  }
  return out
}

/** Punctuation and symbols at the start of a text, and at its end. */
const LEADING_PUNCTUATION = /^[\p{P}\p{S}]+/u
const TRAILING_PUNCTUATION = /[\p{P}\p{S}]+$/u

/**
 * Pieces of a right-to-left run with the punctuation that touches a right-to-left word set in that
 * word's face when it has the glyphs (brackets, commas, full stops): in the text's own face they were
 * drawn in other shapes beside the Arabic, and as a text item of their own, which pdf.js read
 * without the space before an opening bracket ("للاختبار(مع").
 */
function punctuationWithLetters(state: PdfState, pieces: Run[]): Run[] {
  const covers = (piece: Run, text: string) => RIGHT_TO_LEFT.test(piece.text) && Array.from(text).every((char) => openFont(state.theme.fonts[piece.font!]!).hasGlyphForCodePoint(char.codePointAt(0)!))
  for (let index = 0; index < pieces.length; index++) {
    const piece = pieces[index]!
    const before = pieces[index - 1]
    const after = pieces[index + 1]
    const leading = LEADING_PUNCTUATION.exec(piece.text)?.[0]
    if (before && leading && before.font !== piece.font && covers(before, leading)) {
      pieces[index - 1] = { ...before, text: before.text + leading }
      pieces[index] = { ...piece, text: piece.text.slice(leading.length) }
    }
    const trailing = TRAILING_PUNCTUATION.exec(pieces[index]!.text)?.[0]
    if (after && trailing && after.font !== piece.font && covers(after, trailing)) {
      pieces[index + 1] = { ...after, text: trailing + after.text }
      pieces[index] = { ...pieces[index]!, text: pieces[index]!.text.slice(0, -trailing.length) }
    }
  }
  return pieces.filter((piece) => piece.text.length > 0)
}

const reported = new WeakMap<object, Set<string>>()

/** Tell the author once per character that no shipped font can show it, at its first place in the source. */
function reportMissingGlyph(state: PdfState, char: string): void {
  const seen = reported.get(state.document) ?? new Set<string>()
  reported.set(state.document, seen)
  if (seen.has(char)) return
  seen.add(char)
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  warn(state.document.file, `no font of the theme has a glyph for "${char}" (${code}); it will be missing from the PDF`, firstPlace(String(state.document.file.value), char), 'missing-glyph')
}

/**
 * Where `char` first occurs in the source: runs keep no positions, and the first occurrence is the
 * first place the reader would miss it (a title in the frontmatter is drawn first too). Undefined
 * when it was written as an entity or escape only.
 */
function firstPlace(source: string, char: string): Position | undefined {
  const offset = source.indexOf(char)
  if (offset < 0) return undefined
  const before = source.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - (before.lastIndexOf('\n') + 1) + 1
  const point = { line, column, offset }
  return { start: point, end: { line, column: column + char.length, offset: offset + char.length } }
}
