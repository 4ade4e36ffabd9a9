/** The comparisons `verify` makes between a source document and what its outputs let a reader see. */
import type { Nodes } from 'mdast'
import { headingText } from '../parse/outline.js'
import { walkBlocks } from '../walk-tree.js'
import type { Document, OutlineEntry } from '../document.js'
import { UNSPACED, segmenter } from '../writing-systems.js'
import type { TreeEntry } from './read-pdf.js'

/** The outcome of one check: passed, failed, or not run (a tool is missing), with a one-line detail. */
export interface CheckResult {
  name: string
  status: 'ok' | 'fail' | 'skip'
  detail: string
}

/** Share of the source's words each output must contain. */
export const WORD_THRESHOLD = 0.995

/** The heading tree as both outputs must show it: the title, with the headings nested under it. */
export function expectedTree(document: Document): TreeEntry[] {
  const entry = (heading: OutlineEntry): TreeEntry => ({ text: heading.text, children: heading.children.map(entry) })
  return [{ text: document.meta.title, children: document.outline.map(entry) }]
}

/**
 * Headings in reading order with their depth, as the PDF's structure tree must list them: every
 * heading of the body, those the outline leaves out too (inside a quotation or a list, `{.unlisted}`).
 */
export function expectedHeadings(document: Document): { depth: number; text: string }[] {
  // The title block's title comes first, tagged H1 (src/render-pdf/title-block.ts).
  const out: { depth: number; text: string }[] = [{ depth: 1, text: document.meta.title }]
  walkBlocks(document.tree, (node) => {
    if (node.type === 'heading') out.push({ depth: node.depth, text: headingText(node) })
  })
  return out
}

function flatten(entries: TreeEntry[], depth = 0, out: string[] = []): string[] {
  for (const entry of entries) {
    out.push(`${'  '.repeat(depth)}${normalize(entry.text)}`)
    flatten(entry.children, depth + 1, out)
  }
  return out
}

/** Compare two lists of lines; on a mismatch, say where and how they first differ. */
function compareLines(expected: string[], actual: string[]): string | undefined {
  const length = Math.max(expected.length, actual.length)
  for (let index = 0; index < length; index++) {
    if (expected[index] !== actual[index]) return `entry ${index + 1}: expected ${JSON.stringify(expected[index]?.trim() ?? '(none)')} at level ${depthOf(expected[index])}, found ${JSON.stringify(actual[index]?.trim() ?? '(none)')} at level ${depthOf(actual[index])}`
  }
  return undefined
}

const depthOf = (line: string | undefined) => (line === undefined ? '-' : String((line.length - line.trimStart().length) / 2 + 1))

/** Whether a tree (PDF outline, EPUB nav) equals the document's heading tree. */
export function checkTree(name: string, expected: TreeEntry[], actual: TreeEntry[]): CheckResult {
  const want = flatten(expected)
  const problem = compareLines(want, flatten(actual))
  return problem ? { name, status: 'fail', detail: problem } : { name, status: 'ok', detail: `${want.length} entries` }
}

/** Whether the PDF's H1–H6 structure elements are the document's headings, in order and level. */
export function checkHeadings(expected: { depth: number; text: string }[], actual: { depth: number; text: string }[]): CheckResult {
  // Compared without white space: a tagged heading's text is its glyphs, and a space between
  // right-to-left words is a gap, not a glyph (pdf.js reads an Arabic title's two words as one).
  const line = (heading: { depth: number; text: string }) => `${'  '.repeat(heading.depth - 1)}${compact(heading.text)}`
  const problem = compareLines(expected.map(line), actual.map(line))
  const name = 'PDF structure headings = heading tree'
  return problem ? { name, status: 'fail', detail: problem } : { name, status: 'ok', detail: `${expected.length} headings` }
}

/** Text with white space collapsed and soft hyphens dropped. */
export function normalize(text: string): string {
  return text.normalize('NFC').replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim()
}

/** Text with all white space and soft hyphens removed, for "is this phrase there" wherever lines broke. */
function compact(text: string): string {
  return text.normalize('NFC').replace(/[\s\u00ad]+/g, '')
}

/** Whether the title and every attribution line can be read in an output's text. */
export function checkPhrases(name: string, phrases: string[], text: string): CheckResult {
  const haystack = compact(text)
  const missing = phrases.filter((phrase) => !haystack.includes(compact(phrase)))
  return missing.length > 0 ? { name, status: 'fail', detail: `missing: ${missing.map((phrase) => JSON.stringify(phrase)).join(', ')}` } : { name, status: 'ok', detail: `${phrases.length} lines` }
}

/** Letters of scripts written without spaces between words (and Chinese and Japanese): a line may end inside a run of them. */
const UNSPACED_LETTERS = `(?:${UNSPACED.source}|[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}])`
const UNSPACED_WORD = new RegExp(UNSPACED_LETTERS, 'u')
const UNSPACED_GAP = new RegExp(`(?<=${UNSPACED_LETTERS}\\p{M}*)\\s+(?=${UNSPACED_LETTERS})`, 'gu')

/**
 * Lower-cased words (letters and digits) of a text. A run of Thai, Chinese, Japanese… letters is
 * cut into its words by ICU's dictionaries (the PDF breaks its lines between them), so that a
 * sentence set over several lines is still found.
 */
export function words(text: string): string[] {
  // U+2060 (word joiner) is what a glyph shaped from no character of its own reads as (the dot of an
  // Arabic letter, a Khmer subscript): it joins, so it goes. White
  // space between two letters of those scripts is a line end or pdf.js's guess at a gap left by a
  // mark (หรื อ), never a word boundary the source relies on: the dictionaries find the words.
  const tokens = text.normalize('NFC').replace(/[\u00ad\u2060]/g, '').replace(UNSPACED_GAP, '').toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  return tokens.flatMap((token) => (UNSPACED_WORD.test(token) ? [...segmenter('word').segment(token)].filter((part) => part.isWordLike).map((part) => part.segment) : [token]))
}

/** The words a reader must find: text, code and inline code of the body and of table captions (not frontmatter, raw HTML or URLs). */
export function sourceWords(document: Document): string[] {
  const out: string[] = []
  const visit = (node: Nodes) => {
    if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') out.push(...words(node.value))
    if (node.type === 'table') for (const child of node.data?.caption ?? []) visit(child)
    if ('children' in node) for (const child of node.children) visit(child as Nodes)
  }
  visit(document.tree)
  return out
}

/**
 * The share of source words (counted with repetition) found in an output's text. A word broken
 * across lines with a hyphen ("exam-" / "ple", or a soft hyphen extraction drops) counts as found
 * when its halves are there, in order.
 */
export function checkWords(name: string, source: string[], text: string): CheckResult {
  const available = counts(words(text))
  // Words that only exist once line-break hyphens are removed, or once two neighbours are joined:
  // a hyphen added at a line end is a `-` ("work-" / "ers"); PDFs made before were given a U+00AD,
  // which pdf.js leaves out, so "work" / "ers" is all they give.
  const joined = counts(words(text.replace(/(\p{L})-\s+(\p{L})/gu, '$1$2')))
  for (const [word, count] of joined) joined.set(word, count - (available.get(word) ?? 0))
  const split = words(text)
  for (let index = 0; index + 1 < split.length; index++) {
    const pair = split[index]! + split[index + 1]!
    joined.set(pair, (joined.get(pair) ?? 0) + 1)
  }
  let found = 0
  const missing = new Set<string>()
  const take = (pool: Map<string, number>, word: string) => {
    const left = pool.get(word) ?? 0
    if (left > 0) pool.set(word, left - 1)
    return left > 0
  }
  for (const word of source) {
    if (take(available, word) || take(joined, word)) found++
    else missing.add(word)
  }
  const share = source.length === 0 ? 1 : found / source.length
  const detail = `${(share * 100).toFixed(1)}% (${found} of ${source.length})${missing.size > 0 ? `; missing e.g. ${[...missing].slice(0, 5).join(', ')}` : ''}`
  return { name, status: share >= WORD_THRESHOLD ? 'ok' : 'fail', detail }
}

function counts(list: string[]): Map<string, number> {
  const map = new Map<string, number>()
  for (const item of list) map.set(item, (map.get(item) ?? 0) + 1)
  return map
}

/** Whether every internal link target exists. */
export function checkLinks(name: string, targets: string[], resolves: (target: string) => boolean): CheckResult {
  const broken = [...new Set(targets.filter((target) => !resolves(target)))]
  return broken.length > 0 ? { name, status: 'fail', detail: `${broken.length} broken: ${broken.slice(0, 5).join(', ')}` } : { name, status: 'ok', detail: `${targets.length} links` }
}
