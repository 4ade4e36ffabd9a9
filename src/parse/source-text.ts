/**
 * The bytes of a Markdown file → its text, with what a person should know about them reported at
 * their line: invalid UTF-8 (replaced by U+FFFD), NUL bytes (replaced, as CommonMark requires), and
 * bidi override characters, which reorder the text after them (the "Trojan Source" trick).
 */
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { warn } from '../messages.js'

const strict = new TextDecoder('utf-8', { fatal: true })
// A byte-order mark is dropped: it is not part of the text and would hide the frontmatter.
const lenient = new TextDecoder('utf-8', { fatal: false })

/** Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g

/** Decode a Markdown file's bytes as UTF-8, reporting invalid bytes, NULs and bidi controls. */
export function decodeSource(file: VFile, bytes: Uint8Array): string {
  let text: string
  try {
    text = strict.decode(bytes)
  } catch {
    text = lenient.decode(bytes)
    report(file, text, /\uFFFD/g, (count) => `the file is not valid UTF-8: ${count} invalid byte sequence(s) replaced by U+FFFD (�); save the file as UTF-8`, 'invalid-utf8')
  }
  if (text.includes('\0')) {
    report(file, text, /\0/g, (count) => `${count} NUL byte(s) replaced by U+FFFD (�); remove them (the file may be binary or damaged)`, 'nul-byte')
  }
  BIDI_CONTROLS.lastIndex = 0
  if (BIDI_CONTROLS.test(text)) {
    report(file, text, BIDI_CONTROLS, (count) => `${count} bidi control character(s) (U+202A–U+202E, U+2066–U+2069) reorder the text that follows in readers that honor them; remove them unless the reordering is intended`, 'bidi-control')
  }
  return text
}

/** One warning per kind, placed at the first occurrence, counting all of them. */
function report(file: VFile, text: string, pattern: RegExp, reason: (count: number) => string, ruleId: string): void {
  pattern.lastIndex = 0
  const first = pattern.exec(text)
  if (!first) return
  let count = 1
  while (pattern.exec(text)) count++
  warn(file, reason(count), positionAt(text, first.index), ruleId)
}

function positionAt(text: string, offset: number): Position {
  let line = 1
  let lineStart = 0
  for (let index = text.indexOf('\n'); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
    line++
    lineStart = index + 1
  }
  const point = { line, column: offset - lineStart + 1 }
  return { start: point, end: point }
}
