/**
 * The page map: where each PDF page begins in the source, so the EPUB can carry page-break markers
 * at the same places (print page equivalence).
 */
import type { Nodes } from 'mdast'

/** Where one PDF page begins: inside the block starting at `start` (a source offset), `chars` characters in. */
export interface PageStart {
  /** 1-based page number, as printed in the footer. */
  page: number
  /** Source offset of the innermost block being drawn when the page began; absent: the document's start. */
  start?: number
  /** Source offset where that block ends. */
  end?: number
  /** Visible characters (see `countVisible`) of that block already drawn on earlier pages (0: it starts on this page). */
  chars: number
}

type PdfInternals = PDFKit.PDFDocument & {
  _fragment: (text: string, x: number, y: number, options: unknown) => void
  page: PDFKit.PDFPage & { markings: { tag: string }[] }
}

/** Records, while the PDF is drawn, which block each new page begins in. */
export class PageMapRecorder {
  /** One entry per page, in page order. */
  readonly pages: PageStart[] = []
  private readonly open: { node: Nodes; drawn: number }[] = []
  /** Pages that began between blocks: they begin with whichever block is drawn next. */
  private pending: PageStart[] = []
  /** The block drawn last, with its visible characters. */
  private last?: { node: Nodes; drawn: number }
  /** Where a page that begins before the next block is done begins instead (see `nextPageAfterLast`). */
  private after?: Omit<PageStart, 'page'>

  /** Start recording on `doc`: counts drawn characters and notes every page added from now on. */
  constructor(doc: PDFKit.PDFDocument) {
    const internals = doc as PdfInternals
    const fragment = internals._fragment
    internals._fragment = (text, x, y, options) => {
      // Footers and other furniture are artifacts: they are no part of the text flow.
      if (internals.page.markings.at(-1)?.tag !== 'Artifact') {
        const visible = countVisible(text)
        for (const entry of this.open) entry.drawn += visible
      }
      fragment.call(internals, text, x, y, options)
    }
    doc.on('pageAdded', () => this.pageAdded())
  }

  /** A block handler starts drawing `node`. */
  enter(node: Nodes): void {
    const start = node.position?.start.offset
    if (start === undefined) return
    for (const page of this.pending) Object.assign(page, { start, end: node.position?.end.offset, chars: 0 })
    this.pending = []
    this.open.push({ node, drawn: 0 })
  }

  /** The block handler of `node` is done. */
  leave(node: Nodes): void {
    if (this.open.at(-1)?.node === node) this.last = this.open.pop()
  }

  /**
   * The block drawn next (a figure set after the text that follows it in the source) may begin a
   * page: that page begins after the block just drawn, so that the EPUB's page break stands after
   * the text the printed page before it holds, not before the figure, ahead of that text.
   */
  nextPageAfterLast(): void {
    const last = this.last
    const start = last?.node.position?.start.offset
    if (!last || start === undefined) return
    this.after = { start, end: last.node.position?.end.offset, chars: last.drawn }
  }

  /** The block drawn after `nextPageAfterLast` is done: pages begin where they are drawn again. */
  endNextPageAfterLast(): void {
    this.after = undefined
  }

  private pageAdded(): void {
    const page: PageStart = { page: this.pages.length + 1, chars: 0 }
    this.pages.push(page)
    const current = this.open.at(-1)
    if (this.after) {
      Object.assign(page, this.after)
      this.after = undefined
    } else if (current) Object.assign(page, { start: current.node.position?.start.offset, end: current.node.position?.end.offset, chars: current.drawn })
    else if (page.page > 1) this.pending.push(page)
  }
}

/**
 * Characters that both outputs show alike: white space (line breaks, justification) and soft
 * hyphens differ between a laid-out page and XHTML, so they are not counted.
 */
export function countVisible(text: string): number {
  // Counted in place: this runs for every fragment drawn, and a copy of the text per fragment was
  // measurable in long documents. Same count as `text.replace(/[\s\u00ad]/g, '').length`.
  let visible = 0
  for (let index = 0; index < text.length; index++) if (!isSpaceOrSoftHyphen(text.charCodeAt(index))) visible++
  return visible
}

/** Whether a UTF-16 code unit is JavaScript's `\s` (white space and line terminators) or U+00AD. */
function isSpaceOrSoftHyphen(code: number): boolean {
  if (code > 0x20 && code < 0x7f) return false
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0xad ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}
