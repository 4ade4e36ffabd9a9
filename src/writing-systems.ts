/**
 * The writing systems offprint sets, in one table: the theme's font family for each script (PDF
 * font fallback, src/render-pdf/inline/scripts.ts) and the language a block mostly written in it is
 * marked with (EPUB, src/render-epub/postprocess.ts). A new script is a row here and its fonts in
 * the theme. Also: which scripts write words without spaces, and which languages never hyphenate.
 */

/** One script: its letters, its theme font family, the language of a block written in it. */
export interface WritingSystem {
  /** The body of a regex character class matching the script's characters. */
  letters: string
  /** Theme fonts `font_<family>_*`; none for Han, whose fonts are chosen by the document's `lang`. */
  family?: string
  /** For a script several languages share, the one most written in it. */
  lang: string
}

export const WRITING_SYSTEMS: WritingSystem[] = [
  { letters: '\\p{Script=Arabic}', family: 'arabic', lang: 'ar' },
  { letters: '\\p{Script=Hebrew}', family: 'hebrew', lang: 'he' },
  { letters: '\\p{Script=Devanagari}', family: 'devanagari', lang: 'hi' },
  { letters: '\\p{Script=Bengali}', family: 'bengali', lang: 'bn' },
  { letters: '\\p{Script=Gurmukhi}', family: 'gurmukhi', lang: 'pa' },
  { letters: '\\p{Script=Gujarati}', family: 'gujarati', lang: 'gu' },
  { letters: '\\p{Script=Oriya}', family: 'oriya', lang: 'or' },
  { letters: '\\p{Script=Tamil}', family: 'tamil', lang: 'ta' },
  { letters: '\\p{Script=Telugu}', family: 'telugu', lang: 'te' },
  { letters: '\\p{Script=Kannada}', family: 'kannada', lang: 'kn' },
  { letters: '\\p{Script=Malayalam}', family: 'malayalam', lang: 'ml' },
  { letters: '\\p{Script=Sinhala}', family: 'sinhala', lang: 'si' },
  { letters: '\\p{Script=Thai}', family: 'thai', lang: 'th' },
  { letters: '\\p{Script=Lao}', family: 'lao', lang: 'lo' },
  { letters: '\\p{Script=Khmer}', family: 'khmer', lang: 'km' },
  { letters: '\\p{Script=Myanmar}', family: 'myanmar', lang: 'my' },
  { letters: '\\p{Script=Georgian}', family: 'georgian', lang: 'ka' },
  { letters: '\\p{Script=Armenian}', family: 'armenian', lang: 'hy' },
  { letters: '\\p{Script=Ethiopic}', family: 'ethiopic', lang: 'am' },
  // With the kana: the prolonged sound mark ー and the middle dot ・, which Unicode files under Common.
  { letters: '\\p{Script=Hiragana}\\p{Script=Katakana}\\u30fb\\u30fc\\uff70', family: 'jp', lang: 'ja' },
  { letters: '\\p{Script=Hangul}', family: 'kr', lang: 'ko' },
  { letters: '\\p{Script=Han}', lang: 'zh' },
]

/** A writing system's letters as a regex (`g` to count them). */
export function lettersOf(system: WritingSystem, flags = 'u'): RegExp {
  return new RegExp(`[${system.letters}]`, flags)
}

/** Letters of the scripts written right to left (bidi runs in the PDF, their punctuation's face). */
export const RIGHT_TO_LEFT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u

/** Scripts whose words are written without spaces between them: lines end between dictionary words. */
export const UNSPACED = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u

const segmenters = new Map<'word' | 'grapheme', Intl.Segmenter>()

/**
 * ICU's boundaries: `word` (its dictionaries find the words of Thai, Lao, Khmer, Burmese, Chinese,
 * Japanese) or `grapheme` (user-perceived characters). Made on first use, not when the module loads
 * (a build that sets no such text never creates one).
 */
export function segmenter(granularity: 'word' | 'grapheme'): Intl.Segmenter {
  let found = segmenters.get(granularity)
  if (!found) segmenters.set(granularity, (found = new Intl.Segmenter(undefined, { granularity })))
  return found
}

/**
 * Languages whose words are never hyphenated: they break between characters or between words
 * (CJK, Thai, Lao, Khmer, Burmese), or, in Arabic and Hebrew script, a justified line is filled
 * without breaking words (an Arabic document was warned that it had no hyphenation patterns).
 */
export const UNHYPHENATED_LANGS = new Set(['ja', 'zh', 'ko', 'th', 'lo', 'km', 'my', 'ar', 'fa', 'ur', 'ps', 'sd', 'ug', 'ku', 'he', 'yi'])
