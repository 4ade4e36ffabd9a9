/** Fonts: register the theme's font files with pdfkit under `family_style` names. */
import { readFileSync } from 'node:fs'
// fontkit ships no types; pdfkit only needs an object with `layout` (see PDFFontFactory.open).
// @ts-expect-error -- untyped module
import { create } from 'fontkit'
import type { Theme } from '../theme/load-theme.js'
import { tolerateNullAnchors } from './fontkit-fixes.js'
import { mapGlyphsPerCharacter, trackCodePoints } from './glyph-unicode.js'
import { decodeAnchorsLazily } from './lazy-anchors.js'
import { writeSubsetsDirectly } from './ttf-subset.js'
import { tagSubsetsByContent } from './subset-tags.js'

/** The face of one run of text. */
export interface FontFace {
  family: string
  bold: boolean
  italic: boolean
}

/**
 * Parsed fonts by file, shared by every document this process renders: decoding a font's tables
 * (GSUB, GPOS, glyf) took most of the time of a small document when each PDF parsed them anew.
 * pdfkit keeps its subset per document, so sharing the parsed font keeps outputs identical.
 */
const parsed = new Map<string, object>()

function parsedFont(file: string): object {
  let font = parsed.get(file)
  if (!font) {
    decodeAnchorsLazily()
    font = create(readFileSync(file)) as object
    keepDecodedOutlines(font)
    trackCodePoints(font)
    tolerateNullAnchors(font)
    writeSubsetsDirectly(font)
    parsed.set(file, font)
  }
  return font
}

type DecodingGlyph = { _decode(): unknown }

/**
 * Decode each glyph's outline once per parsed font. fontkit's subsetter decodes the outline of every
 * glyph it copies into a PDF's font, to find the parts of composite glyphs, and the glyphs are the
 * same in every document (a tenth of a small document's time went there). Outlines of a static font
 * never change, and fontkit only reads them; a variable font's are left alone.
 */
function keepDecodedOutlines(font: object): void {
  const fontkitFont = font as { getGlyph(id: number, codePoints?: number[]): DecodingGlyph | null; _variationProcessor?: unknown }
  if (fontkitFont._variationProcessor) return
  const getGlyph = fontkitFont.getGlyph.bind(fontkitFont)
  const kept = new WeakSet<object>()
  fontkitFont.getGlyph = (id, codePoints) => {
    const glyph = getGlyph(id, codePoints)
    if (glyph && !kept.has(glyph) && typeof glyph._decode === 'function') {
      kept.add(glyph)
      const decode = glyph._decode
      let outline: { value: unknown } | undefined
      glyph._decode = function (this: DecodingGlyph) {
        outline ??= { value: decode.call(this) }
        return outline.value
      }
    }
    return glyph
  }
}

/**
 * pdfkit's word layouts (fontkit shaping, most of a small document's layout time) by parsed font,
 * shared by every document like the parsed fonts: pdfkit keeps them per document in its embedded
 * font's `layoutCache`, keyed by the word; a word shapes the same in every document. Subsets,
 * widths and ToUnicode entries stay per document (pdfkit fills them when a word is drawn).
 */
const layouts = new WeakMap<object, Record<string, unknown>>()

/**
 * Layouts with OpenType features (right-to-left runs, code without ligatures) by parsed font, keyed
 * by features and text: pdfkit caches only featureless layouts and shaped every Arabic word anew
 * each time it was measured or drawn (2,700 Arabic words took 4.6 s).
 */
const featureLayouts = new WeakMap<object, Map<string, unknown>>()

/**
 * Layouts shaped per parsed font before both caches start again: a word's layout takes about 1.1 kB,
 * and a worker building an archive of thousands of articles meets new words (names, numbers) all
 * along, so unbounded caches grew with everything it had built. 50,000 words of a face: ~55 MB.
 */
export const LAYOUTS_KEPT = 50_000

/** Layouts shaped into the shared caches of each parsed font since they last started again. */
const shaped = new WeakMap<object, { count: number }>()

type EmbeddedFont = { font?: object; layoutCache?: Record<string, unknown>; layoutRun?: (text: string, features?: unknown) => unknown }

/** Point the document's current embedded font at the shared layouts of its parsed font. */
function shareLayouts(doc: PDFKit.PDFDocument): void {
  const embedded = (doc as unknown as { _font?: EmbeddedFont })._font
  // Standard fonts (no fontkit font) and pdfkit's `fontLayoutCache: false` keep their own.
  if (!embedded?.font || !embedded.layoutCache || !embedded.layoutRun) return
  const shared = layouts.get(embedded.font)
  if (!shared) layouts.set(embedded.font, embedded.layoutCache)
  else if (embedded.layoutCache !== shared) embedded.layoutCache = shared
  let withFeatures = featureLayouts.get(embedded.font)
  if (!withFeatures) featureLayouts.set(embedded.font, (withFeatures = new Map()))
  const cache = withFeatures
  const font = embedded.font
  let counter = shaped.get(font)
  if (!counter) shaped.set(font, (counter = { count: 0 }))
  const layoutRun = embedded.layoutRun.bind(embedded)
  // A miss in either cache: past LAYOUTS_KEPT, both start again (pdfkit stores the run it gets from
  // here in the document's `layoutCache`, which then is the fresh shared one).
  const miss = () => {
    if (++counter.count <= LAYOUTS_KEPT) return
    counter.count = 1
    const fresh: Record<string, unknown> = Object.create(null)
    layouts.set(font, fresh)
    embedded.layoutCache = fresh
    cache.clear()
  }
  // pdfkit calls layoutRun(text) for its own cache and layoutRun(text, features) when features are
  // given; its callers only read the result (ours copy before reordering), so a run can be shared.
  embedded.layoutRun = (text, features) => {
    if (!features) {
      miss()
      return layoutRun(text)
    }
    const key = `${JSON.stringify(features)}\u0000${text}`
    let run = cache.get(key)
    if (!run) {
      miss()
      cache.set(key, (run = layoutRun(text, features)))
    }
    return run
  }
}

/** How many word layouts this process keeps for the font file `file` (0 before a document used it). */
export function sharedLayoutCount(file: string): number {
  const font = parsed.get(file)
  const plain = font ? layouts.get(font) : undefined
  return (plain ? Object.keys(plain).length : 0) + (font ? (featureLayouts.get(font)?.size ?? 0) : 0)
}

/**
 * Make the theme's fonts available under their `family_style` names (pdfkit subsets what is used).
 * Each face is parsed the first time a document asks for it, so faces no text uses cost nothing.
 */
export function registerFonts(doc: PDFKit.PDFDocument, theme: Theme): void {
  const font = doc.font.bind(doc) as (src: string, ...rest: unknown[]) => PDFKit.PDFDocument
  const registered = new Set<string>()
  const names = new Map<unknown, string>()
  doc.font = ((src: string | object, ...rest: unknown[]) => {
    // pdfkit's table restores the previous font by its source, the parsed font object, which
    // misses the cache kept by name: a new font per cell (a 50,000-row table took minutes).
    if (typeof src === 'object' && names.has(src)) return withGlyphMap(font(names.get(src)!, ...rest))
    const file = typeof src === 'string' ? theme.fonts[src] : undefined
    if (file && !registered.has(src as string)) {
      doc.registerFont(src as string, parsedFont(file) as unknown as Buffer)
      registered.add(src as string)
      names.set(parsedFont(file), src as string)
      // The first switch to a face creates its embedded font: share its layouts from then on.
      font(src as string, ...rest)
      shareLayouts(doc)
      return withGlyphMap(doc)
    }
    return withGlyphMap(font(src as string, ...rest))
  }) as PDFKit.PDFDocument['font']
}

/** Correct the ToUnicode map (glyph-unicode.ts) and the subset's name (subset-tags.ts) of the font just selected. */
function withGlyphMap(doc: PDFKit.PDFDocument): PDFKit.PDFDocument {
  mapGlyphsPerCharacter(doc)
  tagSubsetsByContent((doc as unknown as { _font?: unknown })._font)
  return doc
}

/** The registered font for a face; falls back to the family's regular face when a style is missing. */
export function fontName(theme: Theme, face: FontFace): string {
  const style = face.bold && face.italic ? 'bold_italic' : face.bold ? 'bold' : face.italic ? 'italic' : 'regular'
  const name = `${face.family}_${style}`
  return theme.fonts[name] ? name : `${face.family}_regular`
}
