/**
 * Section numbers (pandoc's `number-sections`): each heading gets its number, `1`, `1.2`, `1.2.3`,
 * as the first words of its text, so that the heading, the PDF outline, the table of contents,
 * the EPUB navigation and the running heads all show it. Numbering starts at the shallowest level
 * the document uses (its `##` sections are 1, 2, 3 when the title is the only `#`), where pandoc
 * would number them 0.1, 0.2. Ids are given before, from the text as typed, so links still resolve.
 * As in pandoc, only the document's own sections are numbered: a heading inside a quotation, a list
 * or a note is quoted or local matter, and keeps its text.
 */
import type { Heading, Root } from 'mdast'

/** Between the number and the heading's words: an en space, as a typesetter sets it. */
const AFTER_NUMBER = '\u2002'

/** Put its section number before the text of every heading at the top level of the tree. */
export function numberSections(tree: Root): void {
  // A heading marked `{-}` or `{.unnumbered}` is neither numbered nor counted, as in pandoc.
  const headings = tree.children.filter((node): node is Heading => node.type === 'heading' && !node.data?.unnumbered)
  if (headings.length === 0) return
  const top = Math.min(...headings.map((heading) => heading.depth))
  const counters: number[] = []
  for (const heading of headings) {
    const level = heading.depth - top
    counters[level] = (counters[level] ?? 0) + 1
    counters.length = level + 1
    // A level skipped (### right under #) counts as 0, as in pandoc: 1.0.1.
    const number = Array.from({ length: level + 1 }, (_, index) => counters[index] ?? 0).join('.')
    heading.children.unshift({ type: 'text', value: `${number}${AFTER_NUMBER}` })
  }
}
