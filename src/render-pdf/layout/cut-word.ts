/** Cutting a word wider than its line between graphemes (user-perceived characters). */
import { segmenter } from '../../writing-systems.js'

/** A piece of a cut word and its width. */
export interface WordPiece {
  text: string
  width: number
}

/**
 * `word` in pieces: the first fits in `first` (what is left of the line, if anything fits there),
 * the rest in `width` each. Widths are summed grapheme by grapheme: measuring the growing piece
 * would be quadratic in the word.
 */
export function cutToWidth(word: string, first: number, width: number, measure: (text: string) => number): WordPiece[] {
  const parts: WordPiece[] = []
  let room = first
  let text = ''
  let used = 0
  for (const { segment } of segmenter('grapheme').segment(word)) {
    const advance = measure(segment)
    if (text !== '' && used + advance > room) {
      parts.push({ text, width: used })
      text = ''
      used = 0
      room = width
    }
    text += segment
    used += advance
  }
  if (text !== '') parts.push({ text, width: used })
  return parts
}
