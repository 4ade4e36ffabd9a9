/** The attribution lines both outputs print under the title, in one order and one wording. */
import type { Metadata } from './document.js'
import { joinNames, labelsFor } from './labels.js'

/** One attribution line: what it is (for styling and tagging) and the text a reader sees. */
export interface AttributionLine {
  kind: 'author' | 'source' | 'date' | 'credit' | 'rights'
  text: string
  /** An address the line ends with (a source given as an http(s) URL), for both outputs to link. */
  url?: string
}

/** Author, source, date, image credits, rights — only what the document states, labelled in its language. */
export function attributionLines(meta: Metadata): AttributionLine[] {
  const labels = labelsFor(meta.lang)
  const lines: AttributionLine[] = []
  if (meta.authors.length > 0) lines.push({ kind: 'author', text: `${labels.by} ${joinNames(meta.authors, labels)}` })
  if (meta.source) lines.push({ kind: 'source', text: `${labels.source} ${meta.source}`, url: /^https?:\/\/\S+$/i.test(meta.source) ? meta.source : undefined })
  if (meta.date) lines.push({ kind: 'date', text: meta.date })
  for (const credit of meta.credits) lines.push({ kind: 'credit', text: `${labels.image} ${credit}` })
  if (meta.rights) lines.push({ kind: 'rights', text: meta.rights })
  return lines
}

/** The label over the abstract: the document's `abstract-title`, else the word for it in the document's language. */
export function abstractLabel(meta: Metadata): string {
  return meta.abstractTitle ?? labelsFor(meta.lang).abstract
}
