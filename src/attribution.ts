/** The attribution lines both outputs print under the title, in one order and one wording. */
import type { Metadata } from './document.js'

/** One attribution line: what it is (for styling and tagging) and the text a reader sees. */
export interface AttributionLine {
  kind: 'author' | 'source' | 'date' | 'credit' | 'rights'
  text: string
}

/** Author, source, date, image credits, rights — only what the document states. */
export function attributionLines(meta: Metadata): AttributionLine[] {
  const lines: AttributionLine[] = []
  if (meta.authors.length > 0) lines.push({ kind: 'author', text: `By ${joinNames(meta.authors)}` })
  if (meta.source) lines.push({ kind: 'source', text: `Source: ${meta.source}` })
  if (meta.date) lines.push({ kind: 'date', text: meta.date })
  for (const credit of meta.credits) lines.push({ kind: 'credit', text: `Image: ${credit}` })
  if (meta.rights) lines.push({ kind: 'rights', text: meta.rights })
  return lines
}

/** The label over the abstract: the document's `abstract-title`, else pandoc's default. */
export function abstractLabel(meta: Metadata): string {
  return meta.abstractTitle ?? 'Abstract'
}

function joinNames(names: string[]): string {
  if (names.length <= 2) return names.join(' and ')
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}
