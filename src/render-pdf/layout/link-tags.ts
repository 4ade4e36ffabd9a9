/**
 * Links read as one thing: PDF/UA (ISO 14289-1 7.18.5) and screen readers want a link's words and
 * its annotation in the same `Link` structure element. The words are drawn inside the marked content
 * of the paragraph (or heading, list item…) being drawn, so each stretch of a link closes that
 * content, draws its words as content of the link's element, and opens the paragraph's again: the
 * paragraph's structure reads text, Link, text, in reading order.
 */
import type { Run } from '../inline/runs.js'

type Element = PDFKit.PDFStructureElement & { dictionary: { data: { S?: string } } }
type Marking = { tag: string; options?: object; structContent?: unknown }
type Internals = PDFKit.PDFDocument & {
  _currentStructureElement?: Element
  page: { markings: Marking[] }
  markStructureContent(tag: string, options?: object): PDFKit.PDFStructureContent
}

/**
 * The Link elements of one block of text, by link: a link broken over lines or pages, or made of
 * runs in several faces or scripts, stays one element.
 */
export class LinkTags {
  private readonly links = new Map<object, Element>()

  constructor(private readonly doc: PDFKit.PDFDocument) {}

  /** Draw a stretch of `run`'s words, and its annotation, with `draw`, as content of the run's Link element. */
  draw(run: Run, draw: () => void): void {
    const doc = this.doc as Internals
    const parent = doc._currentStructureElement
    const open = doc.page.markings.at(-1)
    // Outside tagged text (an artifact, or no element being drawn) there is nothing to split.
    if (!parent || !open?.structContent) return draw()
    doc.endMarkedContent()
    const key = run.linkNode ?? run
    let link = this.links.get(key)
    if (!link) {
      link = doc.struct('Link') as Element
      parent.add(link)
      this.links.set(key, link)
    }
    link.add(doc.markStructureContent('Link'))
    doc._currentStructureElement = link
    try {
      draw()
    } finally {
      doc._currentStructureElement = parent
      doc.endMarkedContent()
      parent.add(doc.markStructureContent(open.tag, open.options))
    }
  }

  /** End the Link elements (once the block is drawn), so the structure tree can be written. */
  end(): void {
    for (const link of this.links.values()) link.end()
    this.links.clear()
  }
}
