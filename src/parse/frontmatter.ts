/**
 * Frontmatter: YAML read with `yaml`, validated into typed `Metadata`. Accepts pandoc's metadata
 * keys so existing documents build unchanged; every mistake becomes a message at its line.
 */
import { closest, distance } from 'fastest-levenshtein'
import type { Yaml } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { isMap, isScalar, parseDocument, type Node as YamlNode } from 'yaml'
import type { Metadata } from '../document.js'
import { PAGE_SIZES } from '../theme/load-theme.js'
import { fail, warn } from '../messages.js'

/** Frontmatter as written, before the title fallback is applied. */
export type Frontmatter = Omit<Metadata, 'title' | 'lang' | 'abstract'> & { title?: string; lang?: string; abstract?: string }

type Field = (value: unknown) => Partial<Frontmatter> | string

const text = (key: keyof Frontmatter): Field => (value) =>
  typeof value === 'string' || typeof value === 'number' || value instanceof Date
    ? { [key]: value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim() }
    : 'expected a string'

const list = (key: 'authors' | 'keywords' | 'credits'): Field => (value) => {
  const items = Array.isArray(value) ? value : typeof value === 'string' && key === 'keywords' ? value.split(',') : [value]
  const out: string[] = []
  for (const item of items) {
    // pandoc allows `author: [{name: …}]`; take the name.
    const name = item && typeof item === 'object' && 'name' in item ? (item as { name: unknown }).name : item
    if (typeof name !== 'string' || name.trim() === '') return 'expected a string or a list of strings'
    out.push(name.trim())
  }
  return { [key]: out }
}

const flag = (key: 'toc' | 'smart' | 'numberSections'): Field => (value) => (typeof value === 'boolean' ? { [key]: value } : 'expected true or false')

const level = (key: 'tocDepth'): Field => (value) => (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 6 ? { [key]: value as number } : 'expected a heading level from 1 to 6')

/** pandoc's `papersize` (`a4`, `letter`, LaTeX's `a4paper`) as a page size offprint knows. */
const paperSize: Field = (value) => {
  const name = typeof value === 'string' ? value.trim().toUpperCase().replace(/PAPER$/, '') : ''
  return (PAGE_SIZES as readonly string[]).includes(name) ? { paperSize: name } : `expected one of ${PAGE_SIZES.map((size) => size.toLowerCase()).join(', ')}`
}

/** Known keys: pandoc's names first, offprint's additions after. */
const FIELDS: Record<string, Field> = {
  title: text('title'),
  subtitle: text('subtitle'),
  author: list('authors'),
  date: text('date'),
  lang: text('lang'),
  publisher: text('publisher'),
  rights: text('rights'),
  description: text('description'),
  abstract: text('abstract'),
  'abstract-title': text('abstractTitle'),
  keywords: list('keywords'),
  identifier: text('identifier'),
  source: text('source'),
  toc: flag('toc'),
  smart: flag('smart'),
  'number-sections': flag('numberSections'),
  numbersections: flag('numberSections'),
  'toc-depth': level('tocDepth'),
  'cover-image': text('coverImage'),
  papersize: paperSize,
  'image-credit': list('credits'),
  credits: list('credits'),
}

/** The frontmatter keys offprint understands (for docs and suggestions). */
export const FRONTMATTER_KEYS = Object.keys(FIELDS)

/** The frontmatter read: its metadata, and where each key is written (for later messages about its value). */
export interface ReadFrontmatter {
  meta: Frontmatter
  places: Map<string, Position>
}

/** Read and validate the YAML frontmatter node; an absent node gives empty metadata. */
export function readFrontmatter(file: VFile, node: Yaml | undefined): ReadFrontmatter {
  const meta: Frontmatter = { authors: [], keywords: [], credits: [] }
  const places = new Map<string, Position>()
  if (!node) return { meta, places }
  // The YAML text starts on the line after the opening `---`.
  const firstLine = (node.position?.start.line ?? 1) + 1
  const at = (range: [number, number, number?] | undefined | null): Position | undefined => {
    if (!range) return node.position
    const before = node.value.slice(0, range[0]).split('\n')
    const line = firstLine + before.length - 1
    const column = (before.at(-1)?.length ?? 0) + 1
    return { start: { line, column }, end: { line, column } }
  }

  const doc = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true })
  const [error] = doc.errors
  if (error) fail(file, `invalid YAML in frontmatter: ${error.message.split('\n')[0]}`, at(error.pos as [number, number]), 'frontmatter-yaml')
  if (doc.contents === null) return { meta, places }
  if (!isMap(doc.contents)) fail(file, 'frontmatter must be a mapping of `key: value` lines', node, 'frontmatter-shape')

  for (const pair of doc.contents.items) {
    const keyNode = pair.key as YamlNode | null
    const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
    const field = FIELDS[key]
    const place = at(keyNode?.range ?? undefined)
    if (place) places.set(key, place)
    if (!field) {
      const guess = closest(key, FRONTMATTER_KEYS)
      const hint = distance(key, guess) <= Math.max(2, key.length / 3) ? `; did you mean \`${guess}\`?` : ''
      warn(file, `unknown frontmatter key \`${key}\` is ignored${hint}`, place, 'frontmatter-unknown-key')
      continue
    }
    const value = (pair.value as YamlNode | null)?.toJSON?.() ?? null
    if (value === null) continue
    const result = field(value)
    if (typeof result === 'string') {
      warn(file, `frontmatter \`${key}\`: ${result}, got ${JSON.stringify(value)}; the key is ignored`, place, 'frontmatter-type')
      continue
    }
    for (const [name, v] of Object.entries(result) as [keyof Frontmatter, never][]) {
      const current = meta[name]
      meta[name] = (Array.isArray(current) ? [...current, ...(v as string[])] : v) as never
    }
  }
  return { meta, places }
}
