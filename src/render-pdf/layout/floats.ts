/**
 * Figures float past short paragraphs, as LaTeX's floats do. A figure that does not fit the rest of
 * its page even shrunk (see `figure`) would start the next page and leave the rest of this one
 * blank; instead, the whole paragraphs after it that fit there are set first, and the figure then
 * tops the next page. A paragraph is only ever moved whole and only ahead of the figure it follows,
 * so text keeps its order; the figure's place in the reading order (and the PDF's tags) is then
 * after that text, as on the page.
 */
import type { Parents, RootContent } from 'mdast'
import { figureMovesOn, isFigure } from '../handlers/figure.js'
import { paragraphFitsHere } from '../handlers/paragraph.js'
import type { PdfState } from '../state.js'

/** Draw the children of `parent` in order, but for figures that float past the paragraphs after them. */
export function drawBlocks(state: PdfState, parent: Parents): void {
  const children = parent.children as RootContent[]
  let index = 0
  while (index < children.length) {
    const child = children[index]!
    let next = index + 1
    if (child.type === 'paragraph' && isFigure(state, child) && figureMovesOn(state, child)) {
      for (let after = children[next]; after?.type === 'paragraph' && paragraphFitsHere(state, after); after = children[next]) {
        state.one(after, parent)
        next++
      }
      if (next > index + 1) {
        // The page the figure begins, begins after the text set ahead of it.
        state.pageMap?.nextPageAfterLast()
        state.one(child, parent)
        state.pageMap?.endNextPageAfterLast()
        index = next
        continue
      }
    }
    state.one(child, parent)
    index = next
  }
}
